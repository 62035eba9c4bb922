package io.hwnas.dl4j;

import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.PoolKind;
import io.hwnas.space.ActivationSpace;
import io.hwnas.space.Choice;
import io.hwnas.space.ConvStage;
import io.hwnas.space.ImageInput;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The estimate against the process's real memory growth (resident set, what an executor's limit is about) while a
 * few nets train a few minibatches: it must neither miss a net's needs nor exaggerate them by more than
 * {@link #FACTOR}.
 */
class TrainingMemoryTest {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingMemoryTest.class);
    /** The estimate lies within this factor of the measured growth, either way. */
    private static final double FACTOR = 3;

    private static Architecture cnn(int c1, int c2, ActivationType act) {
        ActivationSpace space = new ActivationSpace(new ImageInput(1, 28, 28), 10,
                List.of(new ConvStage(c1, 1, 3, PoolKind.MAX), new ConvStage(c2, 1, 3, PoolKind.MAX)),
                ActivationSpace.Head.FLATTEN, List.of(act), List.of(1.0));
        return space.decode(Choice.of(0, 0));
    }

    @Test
    void estimateIsWithinAFactorOfMeasuredGrowth() {
        record Net(String name, Architecture arch, int batch) {
        }
        measure(cnn(4, 8, ActivationType.RELU), 8); // loads ND4J, oneDNN and DL4J's classes first: theirs, not a net's
        // growing needs: memory a smaller net freed is reused, not counted again
        for (Net net : List.of(new Net("cnn 16/512 relu, batch 32", cnn(16, 512, ActivationType.RELU), 32),
                new Net("cnn 32/64 relu, batch 128", cnn(32, 64, ActivationType.RELU), 128),
                new Net("cnn 64/128 silu, batch 128", cnn(64, 128, ActivationType.SILU), 128))) {
            long measured = measure(net.arch(), net.batch());
            TrainingMemory estimate = TrainingMemory.of(net.arch(), net.batch());
            double ratio = (double) estimate.bytes() / measured;
            LOG.info("{}: estimate {}, measured growth {}, ratio {}", net.name(), estimate.describe(),
                    TrainingMemory.size(measured), String.format("%.2f", ratio));
            assertTrue(ratio >= 1.0 / FACTOR && ratio <= FACTOR, net.name() + ": estimate " + estimate.describe()
                    + " vs measured " + TrainingMemory.size(measured));
        }
    }

    @Test
    void sizesReadInBinaryUnits() {
        assertEquals("512 B", TrainingMemory.size(512));
        assertEquals("3.0 MiB", TrainingMemory.size(3L << 20));
        assertEquals("1.5 GiB", TrainingMemory.size(3L << 29));
    }

    /**
     * The resident set's growth over building the net and fitting three minibatches, after the previous (smaller)
     * net's memory was released.
     */
    private static long measure(Architecture arch, int batch) {
        Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
        System.gc();
        long before = Pointer.physicalBytes();
        ComputationGraph graph = GraphBuilder.build(arch, 1, 1e-3);
        DataSet data = new DataSet(Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, batch, 1, 28, 28),
                Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, batch, 10).putScalar(0, 1, 1));
        long peak = 0;
        for (int i = 0; i < 3; i++) {
            graph.fit(data);
            peak = Math.max(peak, Pointer.physicalBytes() - before);
        }
        graph.close();
        Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
        return peak;
    }
}
