package io.hwnas.spark.surrogate;

import com.google.auto.service.AutoService;
import io.hwnas.search.surrogate.Prediction;
import io.hwnas.search.surrogate.Regressor;
import io.hwnas.spark.Sessions;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
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
import java.util.Arrays;
import java.util.List;

/**
 * {@code model: forest}: Spark MLlib's {@link RandomForestRegressor}, fitted on the driver. The
 * training rows go into a local DataFrame coalesced to one partition and the forest gets the seed, so
 * the bootstrap samples and feature subsets, and so the model, are the same on any number of
 * executors. Predictions ask each fitted tree directly ({@link DecisionTreeRegressionModel#predict}),
 * with no Spark job per query: one member of the {@link Prediction} per tree.
 *
 * <p>The forest models what a ridge regression on the same features leaves over, and every member
 * predicts the ridge plus its tree. A forest alone predicts leaf means, so never better than the best
 * target it was fitted on: an unevaluated point that beats the front (the all-ReLU net when only nets
 * with one SiLU were seen) gets no expected improvement at all, and the search falls back to local
 * search. The linear part carries additive effects (each site's activation, each stage's width) past
 * what has been observed; the trees add the interactions and the spread.
 *
 * <p>Known noise (the rows' variances, e.g. each accuracy's standard error squared) is what neither part
 * should explain. The ridge becomes the Bayesian one: a prior on each standardised weight of
 * {@code var(y) / d} against noise {@code ν} is a penalty of {@code ν d / var(y)}. The trees, fitted to
 * residuals that are partly noise, count only by the share of the residual variance that is not:
 * {@code max(0, 1 - ν / var(residual))}. On a table of 256 Fashion-MNIST nets whose accuracies carry a
 * standard error of about 1.2 points, the residuals of an additive fit are all noise, and trees fitted to
 * them only scatter the predictions.
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
    /** The ridge penalty per row on standardised features: enough to pin the one-hot indicators' collinearity. */
    static final double RIDGE = 0.01;
    private static final StructType SCHEMA = new StructType(new StructField[]{
        new StructField("features", SQLDataTypes.VectorType(), false, Metadata.empty()),
        new StructField("label", DataTypes.DoubleType, false, Metadata.empty())});

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Fitted fit(double[][] features, double[] targets, double[] noise, int trees, long seed) {
        if (features.length != targets.length || features.length != noise.length || features.length == 0) {
            throw new IllegalArgumentException("a forest needs one target and one noise variance per feature row and at "
                    + "least one row, got " + features.length + " rows, " + targets.length + " targets and "
                    + noise.length + " variances");
        }
        double noiseVariance = Arrays.stream(noise).average().orElseThrow();
        Ridge linear = Ridge.fit(features, targets, noiseVariance);
        List<Row> residuals = new ArrayList<>(features.length);
        double residualVariance = 0;
        for (int i = 0; i < features.length; i++) {
            double r = targets[i] - linear.predict(features[i]);
            residualVariance += r * r / features.length;
            residuals.add(RowFactory.create(Vectors.dense(features[i]), r));
        }
        double signal = residualVariance > noiseVariance ? 1 - noiseVariance / residualVariance : 0;
        RandomForestRegressionModel model = new RandomForestRegressor()
                .setNumTrees(trees)
                .setMaxDepth(MAX_DEPTH)
                .setFeatureSubsetStrategy(FEATURES_PER_SPLIT)
                .setSeed(seed)
                .fit(frame(residuals));
        DecisionTreeRegressionModel[] members = model.trees();
        return x -> predict(linear.predict(x), signal, members, Vectors.dense(x));
    }

    private static Dataset<Row> frame(List<Row> rows) {
        return session().createDataFrame(rows, SCHEMA).coalesce(1);
    }

    private static Prediction predict(double base, double signal, DecisionTreeRegressionModel[] trees, Vector x) {
        double[] y = new double[trees.length];
        for (int i = 0; i < trees.length; i++) {
            y[i] = base + signal * trees[i].predict(x);
        }
        return new Prediction(y);
    }

    private static SparkSession session() {
        return SparkSession.getActiveSession().getOrElse(() -> SparkSession.getDefaultSession()
                .getOrElse(() -> Sessions.create("hwnas-surrogate", "local[1]")));
    }

    /**
     * Ridge regression on standardised features, solved on the driver (a few hundred rows, a few dozen features:
     * the normal equations, no Spark job; MLlib's would ship optimiser classes Kryo would have to know).
     */
    record Ridge(double[] mean, double[] scale, double[] weights, double intercept) {

        /** @param noise the targets' mean noise variance (0: the penalty is {@link #RIDGE} per row only) */
        static Ridge fit(double[][] x, double[] y, double noise) {
            int n = x.length;
            int d = x[0].length;
            double[] mean = new double[d];
            double[] scale = new double[d];
            for (int j = 0; j < d; j++) {
                for (double[] row : x) {
                    mean[j] += row[j] / n;
                }
                double var = 0;
                for (double[] row : x) {
                    var += (row[j] - mean[j]) * (row[j] - mean[j]) / n;
                }
                // a constant column carries nothing: scale 0 drops it from the fit and from predictions
                scale[j] = var > 1e-12 ? 1 / Math.sqrt(var) : 0;
            }
            double intercept = Arrays.stream(y).average().orElseThrow();
            double variance = Arrays.stream(y).map(v -> (v - intercept) * (v - intercept)).sum() / n;
            long informative = Arrays.stream(scale).filter(v -> v > 0).count();
            double penalty = RIDGE * n + (variance > 0 ? noise * informative / variance : 0);
            double[][] z = new double[n][d];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    z[i][j] = (x[i][j] - mean[j]) * scale[j];
                }
            }
            RealMatrix zm = new Array2DRowRealMatrix(z, false);
            RealMatrix gram = zm.transpose().multiply(zm);
            for (int j = 0; j < d; j++) {
                gram.addToEntry(j, j, penalty);
            }
            double[] centred = Arrays.stream(y).map(v -> v - intercept).toArray();
            double[] w = new CholeskyDecomposition(gram).getSolver()
                    .solve(zm.transpose().operate(new ArrayRealVector(centred, false))).toArray();
            return new Ridge(mean, scale, w, intercept);
        }

        double predict(double[] x) {
            double y = intercept;
            for (int j = 0; j < weights.length; j++) {
                y += weights[j] * (x[j] - mean[j]) * scale[j];
            }
            return y;
        }
    }
}
