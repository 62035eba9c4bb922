package io.hwnas.spark.finaltrain;

import io.hwnas.arch.Architecture;
import io.hwnas.data.DataSettings;
import io.hwnas.data.Permutations;
import io.hwnas.detection.DetectionBatch;
import io.hwnas.detection.DetectionSample;
import io.hwnas.dl4j.DetectionCanvases;
import io.hwnas.dl4j.DetectionDatasets;
import io.hwnas.dl4j.DetectionTrainer;
import io.hwnas.dl4j.Nd4jThreads;
import io.hwnas.space.Seeds;
import io.hwnas.sr.DetectionTask;
import org.apache.spark.api.java.JavaRDD;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A detector's minibatches of one epoch, built on the executors: each executor composes the training canvases itself
 * ({@link DetectionDatasets#get}, once per JVM: canvas <i>i</i> follows from the data settings alone) and takes them in
 * the epoch's seeded order, so every executor cuts the same minibatches; labels per scale of the member's head.
 *
 * @param data the sweep's data settings with the path every executor reads and {@code trainSamples} canvases
 * @param seed the member's final-training seed
 * @param threads ND4J threads per task, so concurrent tasks on one executor share its cores
 */
public record CanvasBatches(DataSettings data, DetectionTask task, Architecture architecture, long seed, int epoch,
                            int batchSize, int threads) implements Batches<MultiDataSet> {
    private static final long serialVersionUID = 1L;

    public CanvasBatches {
        Batches.requirePositive(batchSize, threads);
    }

    @Override
    public void fit(SparkComputationGraph net, JavaRDD<MultiDataSet> epoch) {
        net.fitMultiDataSet(epoch);
    }

    @Override
    public int count() {
        return (samples() + batchSize - 1) / batchSize;
    }

    @Override
    public int samples() {
        return data.trainSamples();
    }

    @Override
    public MultiDataSet call(Integer batch) {
        if (batch < 0 || batch >= count()) {
            throw new IndexOutOfBoundsException("minibatch " + batch + " is outside [0, " + count() + ")");
        }
        Nd4jThreads.limit(threads);
        DetectionCanvases canvases = DetectionDatasets.get(data, task);
        int[] order = Permutations.of(samples(), new SplittableRandom(Seeds.derive(seed, epoch, 0)));
        int from = batch * batchSize;
        List<DetectionSample> samples = Arrays.stream(order, from, Math.min(order.length, from + batchSize))
                .mapToObj(canvases.train()::get).toList();
        return DetectionTrainer.dataSet(DetectionDatasets.head(architecture), new DetectionBatch(samples));
    }
}
