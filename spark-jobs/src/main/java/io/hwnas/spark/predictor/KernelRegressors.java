package io.hwnas.spark.predictor;

import io.hwnas.hw.learned.PredictorManifest;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.regression.GBTRegressor;
import org.apache.spark.ml.regression.RandomForestRegressor;
import org.apache.spark.ml.regression.RegressionModel;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.crc32;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.pmod;

/**
 * Fits one regressor per kernel type on measured kernels: a random forest and gradient-boosted trees, both on log
 * seconds (relative errors are what count, and latencies span orders of magnitude), each judged on the kernels of
 * every {@value #VALIDATION_FOLDS}th network (by name, so a network's kernels are all in or all out). The one with the
 * lower held-out MAPE is refitted on every kernel of its type and saved with MLlib's own persistence.
 *
 * @param trees random-forest trees
 * @param maxDepth of the forest's trees (boosted trees are kept shallower)
 * @param boostingRounds boosted trees; each round is a Spark job of its own, so they cost far more than a tree of the
 *     forest (whose trees grow together)
 */
record KernelRegressors(int trees, int maxDepth, int boostingRounds, long seed) {
    static final int VALIDATION_FOLDS = 5;
    private static final int GBT_DEPTH = 5;

    /** What was fitted for one kernel type. */
    record Fitted(String algorithm, Map<String, Double> heldOutMape, RegressionModel<Vector, ?> model) {
    }

    KernelRegressors {
        if (trees < 1 || maxDepth < 1 || boostingRounds < 1) {
            throw new IllegalArgumentException("trees, depth and boosting rounds must be >= 1, got " + trees + ", "
                    + maxDepth + " and " + boostingRounds);
        }
    }

    /**
     * Judges the forest, and with {@code final} the boosted trees too, on every kernel type in {@code kernels} (rows
     * of {@link KernelMeasurements#KERNELS}); with {@code final}, the better one is refitted on all of the type's
     * kernels, else the forest's held-out fit is kept (enough to tell where refinement should measure).
     */
    Map<String, Fitted> fit(Dataset<Row> kernels, boolean last) {
        Dataset<Row> labelled = kernels.withColumn("label", log(col("seconds")))
                .withColumn("fold", pmod(crc32(col("network")), lit(VALIDATION_FOLDS)))
                .cache();
        List<String> types = labelled.select("kernel_type").distinct().orderBy("kernel_type").as(Encoders.STRING())
                .collectAsList();
        Map<String, Fitted> out = new LinkedHashMap<>();
        for (String type : types) {
            Dataset<Row> rows = labelled.filter(col("kernel_type").equalTo(type));
            Dataset<Row> train = rows.filter(col("fold").notEqual(0));
            Dataset<Row> held = rows.filter(col("fold").equalTo(0));
            Map<String, Double> mape = new LinkedHashMap<>();
            if (train.isEmpty() || held.isEmpty()) {
                // too few networks with this kernel to hold any out: the forest, unjudged
                mape.put(PredictorManifest.RANDOM_FOREST, Double.NaN);
                out.put(type, new Fitted(PredictorManifest.RANDOM_FOREST, mape, forest().fit(rows)));
                continue;
            }
            RegressionModel<Vector, ?> forestModel = forest().fit(train);
            mape.put(PredictorManifest.RANDOM_FOREST, mape(forestModel, held));
            if (!last) {
                out.put(type, new Fitted(PredictorManifest.RANDOM_FOREST, mape, forestModel));
                continue;
            }
            mape.put(PredictorManifest.GBT, mape(boosted().fit(train), held));
            boolean boostedWins = mape.get(PredictorManifest.GBT) < mape.get(PredictorManifest.RANDOM_FOREST);
            RegressionModel<Vector, ?> model = boostedWins ? boosted().fit(rows) : forest().fit(rows);
            out.put(type, new Fitted(boostedWins ? PredictorManifest.GBT : PredictorManifest.RANDOM_FOREST, mape, model));
        }
        labelled.unpersist();
        return out;
    }

    static void save(Map<String, Fitted> fitted, Path modelsDir) {
        for (Map.Entry<String, Fitted> e : fitted.entrySet()) {
            try {
                ((MLWritable) e.getValue().model()).write().overwrite()
                        .save(modelsDir.resolve(e.getKey()).toAbsolutePath().toUri().toString());
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
    }

    private static double mape(RegressionModel<Vector, ?> model, Dataset<Row> held) {
        Row r = model.transform(held)
                .agg(avg(abs(exp(col("prediction")).minus(col("seconds"))).divide(col("seconds"))))
                .first();
        return r.getDouble(0);
    }

    private RandomForestRegressor forest() {
        return new RandomForestRegressor().setNumTrees(trees).setMaxDepth(maxDepth).setSeed(seed)
                .setFeatureSubsetStrategy("onethird").setMinInstancesPerNode(1);
    }

    private GBTRegressor boosted() {
        return new GBTRegressor().setMaxIter(boostingRounds).setMaxDepth(GBT_DEPTH).setStepSize(0.2).setSeed(seed);
    }
}
