package io.hwnas.search.surrogate;

import java.util.SplittableRandom;

/**
 * A deterministic stand-in regressor for strategy tests in search-core (which cannot run Spark):
 * each member is the nearest neighbour (L1 distance, first on ties) in its own bootstrap sample of the
 * rows, so members agree near many evaluated points and disagree away from them, as a forest's trees do.
 */
public final class BaggedNeighbours implements Regressor {
    public static final String TYPE = "test-neighbours";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Fitted fit(double[][] features, double[] targets, double[] noise, int trees, long seed) {
        int[][] samples = new int[trees][features.length];
        SplittableRandom rng = new SplittableRandom(seed);
        for (int[] sample : samples) {
            for (int i = 0; i < sample.length; i++) {
                sample[i] = rng.nextInt(features.length);
            }
        }
        double[][] x = features.clone();
        double[] y = targets.clone();
        return point -> {
            double[] members = new double[trees];
            for (int m = 0; m < trees; m++) {
                double best = Double.POSITIVE_INFINITY;
                for (int i : samples[m]) {
                    double d = 0;
                    for (int j = 0; j < point.length; j++) {
                        d += Math.abs(point[j] - x[i][j]);
                    }
                    if (d < best) {
                        best = d;
                        members[m] = y[i];
                    }
                }
            }
            return new Prediction(members);
        };
    }
}
