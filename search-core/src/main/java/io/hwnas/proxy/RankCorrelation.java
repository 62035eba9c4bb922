package io.hwnas.proxy;

import org.apache.commons.math3.stat.correlation.KendallsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

import java.io.Serializable;
import java.util.Arrays;

/**
 * How well one quantity ranks candidates the way another does: Kendall's τ-b and Spearman's ρ
 * (ties get average ranks), both in [−1, 1]. Pairs with a NaN on either side are left out; ±∞ is
 * kept and ranks at its end (a singular NASWOT kernel scores −∞ and is the worst, not unknown).
 *
 * @param n the pairs both statistics were computed on
 * @param kendallTau NaN when fewer than 2 pairs remain or one side is constant (τ-b is 0/0 then)
 * @param spearmanRho NaN in the same cases
 */
public record RankCorrelation(double kendallTau, double spearmanRho, int n) implements Serializable {

    public RankCorrelation {
        if (n < 0) {
            throw new IllegalArgumentException("n = " + n + " must be >= 0");
        }
        checkRange("kendallTau", kendallTau);
        checkRange("spearmanRho", spearmanRho);
    }

    /** τ and ρ between {@code x} and {@code y}, paired by index; arrays of different lengths are an error. */
    public static RankCorrelation of(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x has " + x.length + " values but y has " + y.length
                    + "; they must be paired");
        }
        int n = 0;
        double[] px = new double[x.length];
        double[] py = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
                px[n] = x[i];
                py[n] = y[i];
                n++;
            }
        }
        px = Arrays.copyOf(px, n);
        py = Arrays.copyOf(py, n);
        if (n < 2 || constant(px) || constant(py)) {
            return new RankCorrelation(Double.NaN, Double.NaN, n);
        }
        double tau = new KendallsCorrelation().correlation(px, py);
        double rho = new SpearmansCorrelation().correlation(px, py);
        // both are ratios of sums; clamp the last ulp so the documented range holds exactly
        return new RankCorrelation(clamp(tau), clamp(rho), n);
    }

    private static boolean constant(double[] v) {
        for (double d : v) {
            if (Double.compare(d, v[0]) != 0) {
                return false;
            }
        }
        return true;
    }

    private static double clamp(double v) {
        return Math.max(-1, Math.min(1, v));
    }

    private static void checkRange(String field, double v) {
        if (!Double.isNaN(v) && (v < -1 || v > 1)) {
            throw new IllegalArgumentException("field '" + field + "' = " + v + " must be in [-1, 1] or NaN");
        }
    }
}
