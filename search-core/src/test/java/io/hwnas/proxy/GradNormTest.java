package io.hwnas.proxy;

import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureCounts;
import io.hwnas.arch.zoo.ReferenceNetworks;
import io.hwnas.data.ImageDataset;
import io.hwnas.dl4j.GraphBuilder;
import io.hwnas.dl4j.Trainer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** grad_norm on real untrained DL4J nets and real Fashion-MNIST minibatches. */
class GradNormTest {
    private static ImageDataset images;

    @BeforeAll
    static void load() {
        images = ProxyNets.images();
    }

    private static DataSet batch(Architecture arch, int size, long seed) {
        return Trainer.toDataSet(images, ProxyScorer.minibatch(images.size(), size, seed), arch);
    }

    @Test
    void finitePositiveAndDeterministic() {
        ProxySettings settings = new ProxySettings(List.of("grad_norm"), 64);
        for (Architecture arch : List.of(ProxyNets.quickstart(ActivationType.HARD_SWISH),
                ReferenceNetworks.byName("resnet18_mini"))) {
            double g = ProxyScorer.score(arch, images, settings, 9).get("grad_norm");
            assertTrue(Double.isFinite(g) && g > 0, arch.name() + " grad_norm " + g);
            assertEquals(g, ProxyScorer.score(arch, images, settings, 9).get("grad_norm"), 0.0, arch.name());
            assertNotEquals(g, ProxyScorer.score(arch, images, settings, 10).get("grad_norm"), arch.name());
        }
    }

    @Test
    void isTheGradientOfTheMeanLoss() {
        // the same 32 images twice: the batch statistics and every per-image gradient are unchanged,
        // so the mean loss's gradient is too (a summed gradient would double)
        Architecture arch = ProxyNets.quickstart(ActivationType.RELU);
        DataSet once = batch(arch, 32, 4);
        DataSet twice = new DataSet(Nd4j.concat(0, once.getFeatures(), once.getFeatures()),
                Nd4j.concat(0, once.getLabels(), once.getLabels()));
        double g1 = GradNorm.score(GraphBuilder.build(arch, 4, 1e-3), once);
        double g2 = GradNorm.score(GraphBuilder.build(arch, 4, 1e-3), twice);
        assertEquals(g1, g2, 1e-2 * g1);
    }

    @Test
    void coversExactlyTheTrainableParameters() {
        // batch-norm's running mean and variance are DL4J parameters too, but not trainable ones
        Architecture arch = ReferenceNetworks.byName("resnet18_mini");
        long elements = 0;
        for (INDArray g : GradNorm.trainableGradients(GraphBuilder.build(arch, 1, 1e-3), batch(arch, 8, 1))) {
            elements += g.length();
        }
        assertEquals(ArchitectureCounts.of(arch).trainableParams(), elements);
    }
}
