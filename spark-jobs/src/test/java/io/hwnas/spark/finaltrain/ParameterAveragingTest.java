package io.hwnas.spark.finaltrain;

import io.hwnas.arch.Architecture;
import io.hwnas.data.FashionMnist;
import io.hwnas.dl4j.GraphBuilder;
import io.hwnas.hw.calibrate.CalibrationNetworks;
import io.hwnas.space.ImageInput;
import io.hwnas.spark.Sessions;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.BlockId;
import org.apache.spark.storage.BroadcastBlockId;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import scala.collection.JavaConverters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Scoring a net on the cluster, then using it: what final training does with every trained member. */
class ParameterAveragingTest {
    private static final String DATA = FashionMnist.DEFAULT_DIRECTORY;

    /**
     * Spark closes an AutoCloseable broadcast value when it cleans the broadcast up, which happens
     * whenever the driver's GC finds the handle unreachable; a net whose own parameter array was
     * broadcast then loses its weights at a random later moment ("You can't use DataBuffer once it
     * was released", seen once in a cluster run). The test does the clean-up now instead of waiting
     * for the GC, so it fails every time the caller's weights are exposed.
     */
    @Test
    void theScoredNetKeepsItsWeightsOnceSparkCleansUpTheBroadcasts() {
        assumeTrue(Files.isDirectory(Path.of(DATA)), "Fashion-MNIST not installed");
        Architecture arch = CalibrationNetworks.sample(new ImageInput(1, 28, 28), 10, 1, 5).get(0);
        ComputationGraph graph = GraphBuilder.build(arch, 7, 1e-3);
        INDArray before = graph.params().dup();
        try (SparkSession spark = Sessions.create("hwnas-parameter-averaging-test", "local[2]")) {
            ParameterAveraging cluster = new ParameterAveraging(JavaSparkContext.fromSparkContext(spark.sparkContext()),
                    2, 5);
            SampleOrder order = new SampleOrder(ImageFiles.test(DATA).size(), 64, 1, null);
            ParameterAveraging.Scores scores = cluster.evaluate(graph, cluster.master(32, 1),
                    new Minibatches(DATA, true, order, 0, 32, arch, 1), 10);
            assertEquals(64, scores.samples());

            List<BlockId> broadcasts = JavaConverters.seqAsJavaList(
                    SparkEnv.get().blockManager().getMatchingBlockIds(BlockId::isBroadcast));
            assertFalse(broadcasts.isEmpty(), "the evaluation broadcast the net");
            for (BlockId id : broadcasts) {
                SparkEnv.get().broadcastManager().unbroadcast(((BroadcastBlockId) id).broadcastId(), true, true);
            }
        }
        assertEquals(before, graph.params(), "the weights are intact after the clean-up");
    }
}
