package io.hwnas.spark.finaltrain;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;

/**
 * One epoch's minibatches, built on the executors: minibatch number → minibatch ({@code DataSet} for a net with one
 * output, {@code MultiDataSet} for a detector's several). The driver parallelizes only the numbers, and the images are
 * read on the executors.
 */
public interface Batches<T> extends Function<Integer, T> {

    /** Fits {@code net} on {@code epoch}, these minibatches built: dl4j-spark has one entry point per minibatch type. */
    void fit(SparkComputationGraph net, JavaRDD<T> epoch);

    /** Minibatches in the epoch. */
    int count();

    int batchSize();

    /** Samples in the epoch (the last minibatch may be short). */
    int samples();

    /** The checks every implementation's constructor makes of its minibatch size and ND4J threads per task. */
    static void requirePositive(int batchSize, int threads) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize = " + batchSize + " must be >= 1");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads = " + threads + " must be >= 1");
        }
    }
}
