package io.hwnas.spark.finaltrain;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * Trains and evaluates one graph on the cluster with dl4j-spark's synchronous parameter averaging:
 * every worker fits {@code averagingFrequency} minibatches from the broadcast parameters, then the
 * driver averages parameters and Adam state and broadcasts them again.
 *
 * <p>Training data goes the {@link RDDTrainingApproach#Direct Direct} way (minibatches stay in
 * Spark's block managers) rather than dl4j's default Export, which writes every minibatch to
 * {@code hadoop.tmp.dir} and so needs a file system all executors share; Direct works on any
 * standalone cluster. dl4j-spark splits an epoch into rounds by scanning the whole RDD once per
 * round, so each epoch's minibatches are built once and kept deserialized ({@code MEMORY_ONLY})
 * until the epoch ends; otherwise every round would rebuild (or deserialize) all of them. Their
 * pixels live off-heap, which Spark does not count: an epoch needs 4 bytes per pixel and image of
 * executor memory beyond the heap (188 MB for all of Fashion-MNIST's training images).
 */
public final class ParameterAveraging {
    private static final Logger LOG = LoggerFactory.getLogger(ParameterAveraging.class);

    private final JavaSparkContext jsc;
    private final int workers;
    private final int averagingFrequency;

    /**
     * @param workers parallel training tasks (e.g. executors × cores per executor)
     * @param averagingFrequency minibatches each worker fits between two averagings
     */
    public ParameterAveraging(JavaSparkContext jsc, int workers, int averagingFrequency) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers = " + workers + " must be >= 1");
        }
        if (averagingFrequency < 1) {
            throw new IllegalArgumentException("averagingFrequency = " + averagingFrequency + " must be >= 1");
        }
        this.jsc = jsc;
        this.workers = workers;
        this.averagingFrequency = averagingFrequency;
    }

    /** The training master for minibatches of {@code batchSize}; {@code seed} fixes how rounds are drawn. */
    public ParameterAveragingTrainingMaster master(int batchSize, long seed) {
        return new ParameterAveragingTrainingMaster.Builder(workers, batchSize)
                .batchSizePerWorker(batchSize)
                .averagingFrequency(averagingFrequency)
                // Adam's moments are averaged and carried from round to round like the weights
                .saveUpdater(true)
                // minibatches are built in memory on the executor: nothing to prefetch
                .workerPrefetchNumBatches(0)
                .rddTrainingApproach(RDDTrainingApproach.Direct)
                // we persist each epoch's RDD ourselves, so we can also release it
                .storageLevel(null)
                .rngSeed(seed)
                .build();
    }

    /**
     * Trains {@code graph} for {@code epochs} epochs; {@code epoch} gives each epoch's minibatches
     * (a fresh order each time).
     */
    public Fitted fit(ComputationGraph graph, ParameterAveragingTrainingMaster master, int epochs,
                      IntFunction<? extends Batches<?>> epoch) {
        SparkComputationGraph net = new SparkComputationGraph(jsc, graph, master);
        long start = System.nanoTime();
        for (int e = 0; e < epochs; e++) {
            long epochStart = System.nanoTime();
            Batches<?> batches = epoch.apply(e);
            fitEpoch(net, batches);
            double seconds = (System.nanoTime() - epochStart) / 1e9;
            LOG.info("epoch {}/{}: {} minibatches of {} on {} workers in {}s ({} samples/s)", e + 1, epochs,
                    batches.count(), batches.batchSize(), workers, String.format("%.1f", seconds),
                    Math.round(batches.samples() / seconds));
        }
        return new Fitted(net.getNetwork(), (System.nanoTime() - start) / 1e9);
    }

    /** The trained net (the averaged parameters) and the wall time of training, Spark overhead included. */
    public record Fitted(ComputationGraph graph, double seconds) {
    }

    /**
     * Accuracy (and the rest of DL4J's classification metrics) and mean loss of {@code graph} on
     * {@code batches}, on the cluster. {@code graph} stays usable afterwards: the scoring runs on a copy.
     */
    public Scores evaluate(ComputationGraph graph, ParameterAveragingTrainingMaster master, Minibatches batches,
                           int numClasses) {
        // calculateScore broadcasts the net's own parameter array, and Spark closes an AutoCloseable
        // broadcast value when it cleans the broadcast up (after GC), which releases an INDArray's
        // buffer: the caller's weights would vanish at some later moment. A copy is what gets closed.
        SparkComputationGraph net = new SparkComputationGraph(jsc, graph.clone(), master);
        JavaRDD<DataSet> data = rdd(batches).persist(StorageLevel.MEMORY_ONLY());
        try {
            Evaluation evaluation = net.doEvaluation(data, new Evaluation(numClasses), batches.batchSize());
            double loss = net.calculateScore(data, true, batches.batchSize());
            return new Scores(evaluation.accuracy(), loss, evaluation.getNumRowCounter());
        } finally {
            data.unpersist(false);
        }
    }

    /** Test-set metrics: accuracy, mean cross-entropy per image and how many images were scored. */
    public record Scores(double accuracy, double loss, long samples) {
    }

    private <T> void fitEpoch(SparkComputationGraph net, Batches<T> batches) {
        JavaRDD<T> data = rdd(batches).persist(StorageLevel.MEMORY_ONLY());
        try {
            batches.fit(net, data);
        } finally {
            data.unpersist(false);
        }
    }

    private <T> JavaRDD<T> rdd(Batches<T> batches) {
        List<Integer> numbers = IntStream.range(0, batches.count()).boxed().toList();
        return jsc.parallelize(numbers, Math.min(workers, numbers.size())).map(batches);
    }
}
