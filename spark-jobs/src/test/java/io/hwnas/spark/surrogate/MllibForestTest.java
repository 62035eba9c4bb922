package io.hwnas.spark.surrogate;

import io.hwnas.search.surrogate.Prediction;
import io.hwnas.search.surrogate.Regressor;
import io.hwnas.search.surrogate.Regressors;
import io.hwnas.spark.Sessions;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The MLlib forest on real local Spark, with hwnas's session settings (Kryo, registration required). */
class MllibForestTest {
    private static final int ROWS = 120;

    @Test
    void registeredAsForest() {
        assertInstanceOf(MllibForest.class, Regressors.find("forest").orElseThrow());
    }

    /** y = 3·x0 + x1² on a grid: the forest learns it, and is unsure where two rows share x but not y. */
    @Test
    void learnsAFunctionWithSpread() {
        double[][] x = features(7);
        double[] y = new double[ROWS];
        for (int i = 0; i < ROWS; i++) {
            y[i] = 3 * x[i][0] + x[i][1] * x[i][1];
        }
        SparkSession spark = Sessions.create("forest-test", "local[2]");
        try {
            Regressor.Fitted f = new MllibForest().fit(x, y, new double[ROWS], 32, 1);
            double error = 0;
            double spread = 0;
            for (int i = 0; i < ROWS; i++) {
                Prediction p = f.predict(x[i]);
                error += Math.abs(p.mean() - y[i]) / ROWS;
                spread += p.spread() / ROWS;
            }
            double range = java.util.Arrays.stream(y).max().orElseThrow() - java.util.Arrays.stream(y).min().orElseThrow();
            assertTrue(error < 0.1 * range, "mean absolute training error " + error + " over a range of " + range);
            assertTrue(spread > 0, "trees fitted to different bootstrap samples disagree somewhere");
        } finally {
            spark.stop();
        }
    }

    /**
     * Targets that are an additive function plus noise of a known variance: told the noise, the trees (fitted to
     * residuals that are only noise) count for next to nothing (only what the sample's residual variance exceeds
     * the noise by); not told, they scatter.
     */
    @Test
    void knownNoiseIsNotModelled() {
        double[][] x = features(13);
        double[] y = new double[ROWS];
        double sd = 0.5;
        SplittableRandom noise = new SplittableRandom(3);
        for (int i = 0; i < ROWS; i++) {
            y[i] = x[i][0] - 2 * x[i][2] + sd * noise.nextGaussian();
        }
        double[] variance = new double[ROWS];
        java.util.Arrays.fill(variance, sd * sd);
        SparkSession spark = Sessions.create("forest-test", "local[1]");
        try {
            Regressor.Fitted told = new MllibForest().fit(x, y, variance, 16, 1);
            Regressor.Fitted untold = new MllibForest().fit(x, y, new double[ROWS], 16, 1);
            double error = 0;
            double toldSpread = 0;
            double untoldSpread = 0;
            for (int i = 0; i < ROWS; i++) {
                error += Math.abs(told.predict(x[i]).mean() - (x[i][0] - 2 * x[i][2])) / ROWS;
                toldSpread += told.predict(x[i]).spread() / ROWS;
                untoldSpread += untold.predict(x[i]).spread() / ROWS;
            }
            assertTrue(error < sd / 2, "the additive part is learned: mean error " + error);
            assertTrue(untoldSpread > 0.05, "trees fitted to noise scatter: " + untoldSpread);
            assertTrue(toldSpread < untoldSpread / 5, "told the noise: " + toldSpread + " vs " + untoldSpread);
        } finally {
            spark.stop();
        }
    }

    /** One partition and a fixed seed: the same trees on one core as on two. */
    @Test
    void sameForestOnOneAndTwoCores() {
        double[][] x = features(11);
        double[] y = new double[ROWS];
        SplittableRandom noise = new SplittableRandom(5);
        for (int i = 0; i < ROWS; i++) {
            y[i] = x[i][0] - 2 * x[i][2] + noise.nextDouble();
        }
        assertArrayEquals(predictions("local[1]", x, y), predictions("local[2]", x, y));
        double[] other = predictions("local[2]", x, y, 8);
        assertTrue(!java.util.Arrays.equals(predictions("local[2]", x, y), other), "another seed, another forest");
    }

    private static double[] predictions(String master, double[][] x, double[] y) {
        return predictions(master, x, y, 7);
    }

    private static double[] predictions(String master, double[][] x, double[] y, long seed) {
        SparkSession spark = Sessions.create("forest-test", master);
        try {
            assertEquals(master, spark.sparkContext().master());
            Regressor.Fitted f = new MllibForest().fit(x, y, new double[ROWS], 16, seed);
            double[] out = new double[2 * ROWS];
            for (int i = 0; i < ROWS; i++) {
                Prediction p = f.predict(x[i]);
                out[2 * i] = p.mean();
                out[2 * i + 1] = p.spread();
            }
            return out;
        } finally {
            spark.stop();
        }
    }

    private static double[][] features(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = new double[ROWS][3];
        for (double[] row : x) {
            for (int j = 0; j < row.length; j++) {
                row[j] = rng.nextInt(8);
            }
        }
        return x;
    }
}
