package io.hwnas.spark.surrogate;

import com.google.auto.service.AutoService;
import io.hwnas.search.surrogate.Prediction;
import io.hwnas.search.surrogate.Regressor;
import io.hwnas.spark.Sessions;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.regression.DecisionTreeRegressionModel;
import org.apache.spark.ml.regression.RandomForestRegressionModel;
import org.apache.spark.ml.regression.RandomForestRegressor;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code model: forest}: Spark MLlib's {@link RandomForestRegressor}, fitted on the driver. The
 * training rows go into a local DataFrame coalesced to one partition and the forest gets the seed, so
 * the bootstrap samples and feature subsets, and so the model, are the same on any number of
 * executors. Predictions ask each fitted tree directly ({@link DecisionTreeRegressionModel#predict}),
 * with no Spark job per query: one member of the {@link Prediction} per tree.
 *
 * <p>Uses the active session (a sweep's), or starts a local one with a single core when there is
 * none (a benchmark in one JVM).
 */
@AutoService(Regressor.class)
public final class MllibForest implements Regressor {
    public static final String TYPE = "forest";
    /** Deep enough to separate every point of a few hundred; MLlib's default (5) underfits interactions. */
    static final int MAX_DEPTH = 10;
    /**
     * Every feature at every split: the trees differ by their bootstrap samples only. With a few
     * informative dimensions among many indicators, MLlib's default (a third of the features) makes
     * most splits miss them, which inflates the spread the search treats as uncertainty (and doubles the fit time).
     */
    static final String FEATURES_PER_SPLIT = "all";
    private static final StructType SCHEMA = new StructType(new StructField[]{
        new StructField("features", SQLDataTypes.VectorType(), false, Metadata.empty()),
        new StructField("label", DataTypes.DoubleType, false, Metadata.empty())});

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Fitted fit(double[][] features, double[] targets, int trees, long seed) {
        if (features.length != targets.length || features.length == 0) {
            throw new IllegalArgumentException("a forest needs one target per feature row and at least one row, got "
                    + features.length + " rows and " + targets.length + " targets");
        }
        List<Row> rows = new ArrayList<>(features.length);
        for (int i = 0; i < features.length; i++) {
            rows.add(RowFactory.create(Vectors.dense(features[i]), targets[i]));
        }
        Dataset<Row> data = session().createDataFrame(rows, SCHEMA).coalesce(1);
        RandomForestRegressionModel model = new RandomForestRegressor()
                .setNumTrees(trees)
                .setMaxDepth(MAX_DEPTH)
                .setFeatureSubsetStrategy(FEATURES_PER_SPLIT)
                .setSeed(seed)
                .fit(data);
        DecisionTreeRegressionModel[] members = model.trees();
        return x -> predict(members, Vectors.dense(x));
    }

    private static Prediction predict(DecisionTreeRegressionModel[] trees, Vector x) {
        double[] y = new double[trees.length];
        for (int i = 0; i < trees.length; i++) {
            y[i] = trees[i].predict(x);
        }
        return new Prediction(y);
    }

    private static SparkSession session() {
        return SparkSession.getActiveSession().getOrElse(() -> SparkSession.getDefaultSession()
                .getOrElse(() -> Sessions.create("hwnas-surrogate", "local[1]")));
    }
}
