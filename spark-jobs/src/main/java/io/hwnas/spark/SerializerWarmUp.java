package io.hwnas.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;

/**
 * Builds the driver's first Kryo instance on a thread of its own while Spark and its executors start.
 *
 * <p>The first Kryo instance of a JVM runs {@link HwnasKryoRegistrator}, which loads ND4J's native backend: 2 s on a
 * lightly loaded 2-core machine, 5 s on a busy one. Left to Spark, the driver does that when it serializes the first job's
 * task, and an executor that is already up waits for it before the first candidate can start (measured with
 * {@code scripts/bench-cluster}, issue 23). ND4J starts in a class initialiser, which the JVM runs once, so a job
 * serialized meanwhile waits for this thread instead of loading it a second time.
 */
final class SerializerWarmUp {
    private static final Logger LOG = LoggerFactory.getLogger(SerializerWarmUp.class);

    private SerializerWarmUp() {
    }

    /**
     * Starts building a Kryo instance as {@code conf} configures it (nothing when another serializer is set); the
     * future completes when it is built, or failed: the first job reports such a failure, so here it is only logged.
     */
    static CompletableFuture<Void> start(SparkConf conf) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!KryoSerializer.class.getName().equals(conf.get(Sessions.SERIALIZER, ""))) {
            done.complete(null);
            return done;
        }
        SparkConf copy = conf.clone();
        // a daemon: a JVM that ends before the warm-up does (a bad config) is not held up by it
        Thread thread = new Thread(() -> {
            try {
                new KryoSerializer(copy).newKryo();
                done.complete(null);
            } catch (Exception | LinkageError e) { // Spark's own failure (SparkException) is a checked one
                LOG.debug("Kryo warm-up failed; the first job that serializes will report it", e);
                done.completeExceptionally(e);
            }
        }, "hwnas-kryo-warm-up");
        thread.setDaemon(true);
        thread.start();
        return done;
    }
}
