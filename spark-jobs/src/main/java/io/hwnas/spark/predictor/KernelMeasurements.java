package io.hwnas.spark.predictor;

import io.hwnas.arch.Architecture;
import io.hwnas.dl4j.Nd4jThreads;
import io.hwnas.hw.kernel.KernelTimer;
import io.hwnas.hw.measure.RepeatProtocol;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Times networks on Spark executors, one network per task at a time on one ND4J/OpenMP/BLAS thread (each task
 * pinned to its own core's worth of work), and appends the rows to a Parquet data set: the measurement is written
 * once and everything after reads it back, so no action re-runs a timing.
 */
final class KernelMeasurements {
    /** One row per kernel of a measured network, the network's own timing repeated on each. */
    static final StructType KERNELS = new StructType()
            .add("round", DataTypes.IntegerType, false)
            .add("network", DataTypes.StringType, false)
            .add("fingerprint", DataTypes.StringType, false)
            .add("worker", DataTypes.StringType, false)
            .add("kernel_index", DataTypes.IntegerType, false)
            .add("kernel_type", DataTypes.StringType, false)
            .add("features", SQLDataTypes.VectorType(), false)
            .add("seconds", DataTypes.DoubleType, false)
            .add("spread", DataTypes.DoubleType, false)
            .add("kept_repeats", DataTypes.IntegerType, false)
            .add("warmup_rounds", DataTypes.IntegerType, false)
            .add("network_seconds", DataTypes.DoubleType, false)
            .add("network_spread", DataTypes.DoubleType, false);

    /** One row per whole-network timing (evaluation). */
    static final StructType NETWORKS = new StructType()
            .add("network", DataTypes.StringType, false)
            .add("worker", DataTypes.StringType, false)
            .add("seconds", DataTypes.DoubleType, false)
            .add("spread", DataTypes.DoubleType, false);

    private KernelMeasurements() {
    }

    /** Times every kernel of every network and the networks, appends them to {@code parquet}, returns them all. */
    static Dataset<Row> kernels(SparkSession spark, List<Architecture> nets, KernelTimer timer, int round,
                                String parquet) {
        JavaRDD<Row> rows = parallelize(spark, nets).flatMap(net -> {
            Nd4jThreads.limit(1);
            KernelTimer.NetworkTiming t = timer.kernelsAndNetwork(net);
            String worker = worker();
            List<Row> out = new ArrayList<>(t.kernels().size());
            for (int i = 0; i < t.kernels().size(); i++) {
                KernelTimer.KernelTiming k = t.kernels().get(i);
                RepeatProtocol.Repeats r = k.repeats();
                out.add(RowFactory.create(round, net.name(), net.fingerprint(), worker, i, k.kernel().type().id(),
                        Vectors.dense(k.kernel().features()), r.seconds(), r.spread(), r.kept(), r.warmupRounds(),
                        t.whole().seconds(), t.whole().spread()));
            }
            return out.iterator();
        });
        spark.createDataFrame(rows, KERNELS).write().mode(SaveMode.Append).parquet(parquet);
        return spark.read().parquet(parquet);
    }

    /** Times each whole network once under the timer's protocol. */
    static List<Row> networks(SparkSession spark, List<Architecture> nets, KernelTimer timer) {
        JavaRDD<Row> rows = parallelize(spark, nets).map(net -> {
            Nd4jThreads.limit(1);
            RepeatProtocol.Repeats r = timer.network(net);
            return RowFactory.create(net.name(), worker(), r.seconds(), r.spread());
        });
        return spark.createDataFrame(rows, NETWORKS).collectAsList();
    }

    private static JavaRDD<Architecture> parallelize(SparkSession spark, List<Architecture> nets) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        // small tasks, so a slow core does not hold the last big slice
        int slices = Math.max(1, Math.min(nets.size(), 4 * jsc.defaultParallelism()));
        return jsc.parallelize(nets, slices);
    }

    /** The evaluating JVM, as results name it: host/pid. */
    static String worker() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown";
        }
        return host + "/" + ProcessHandle.current().pid();
    }
}
