package io.hwnas.spark.finaltrain;

import io.hwnas.arch.Architecture;
import io.hwnas.data.ImageDataset;
import io.hwnas.dl4j.Nd4jThreads;
import io.hwnas.dl4j.Trainer;
import org.apache.spark.api.java.JavaRDD;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.nd4j.linalg.dataset.DataSet;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A classifier's minibatches, built on the executors: each executor builds its minibatches from its own copy of the dataset file
 * ({@link ImageFiles}) in the order {@link SampleOrder} gives for this epoch.
 *
 * @param directory dataset directory (local path or Hadoop URI) as every executor sees it
 * @param test read the test files instead of the training files
 * @param architecture the net the batches are for; its input shape is checked against the images
 * @param threads ND4J threads per task, so concurrent tasks on one executor share its cores
 */
public record Minibatches(String directory, boolean test, SampleOrder order, int epoch, int batchSize,
                          Architecture architecture, int threads) implements Batches<DataSet> {
    private static final long serialVersionUID = 1L;

    /** Recent epoch orders per JVM: every batch of an epoch needs the same permutation. */
    private static final Map<String, int[]> ORDERS = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, int[]> eldest) {
            return size() > 8;
        }
    };

    public Minibatches {
        Batches.requirePositive(batchSize, threads);
    }

    @Override
    public void fit(SparkComputationGraph net, JavaRDD<DataSet> epoch) {
        net.fit(epoch);
    }

    @Override
    public int count() {
        return order.batches(batchSize);
    }

    @Override
    public int samples() {
        return order.samples();
    }

    @Override
    public DataSet call(Integer batch) {
        if (batch < 0 || batch >= count()) {
            throw new IndexOutOfBoundsException("minibatch " + batch + " is outside [0, " + count() + ")");
        }
        Nd4jThreads.limit(threads);
        ImageDataset images = test ? ImageFiles.test(directory) : ImageFiles.training(directory);
        if (images.size() != order.available()) {
            throw new IllegalStateException(directory + " has " + images.size() + " " + (test ? "test" : "training")
                    + " images on this executor but the driver saw " + order.available());
        }
        int[] all = epochOrder();
        int from = batch * batchSize;
        return Trainer.toDataSet(images, Arrays.copyOfRange(all, from, Math.min(all.length, from + batchSize)),
                architecture);
    }

    private int[] epochOrder() {
        String key = directory + '|' + test + '|' + order + '|' + epoch;
        synchronized (ORDERS) {
            return ORDERS.computeIfAbsent(key, k -> order.epoch(epoch));
        }
    }
}
