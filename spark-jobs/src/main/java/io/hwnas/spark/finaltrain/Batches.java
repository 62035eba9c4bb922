package io.hwnas.spark.finaltrain;

import org.apache.spark.api.java.function.Function;
import org.nd4j.linalg.dataset.DataSet;

/**
 * One epoch's minibatches, built on the executors: minibatch number → {@link DataSet}. The driver parallelizes only
 * the numbers, and the images are read on the executors.
 */
public interface Batches extends Function<Integer, DataSet> {

    /** Minibatches in the epoch. */
    int count();

    int batchSize();

    /** Samples in the epoch (the last minibatch may be short). */
    int samples();
}
