package io.hwnas.pareto;

import java.util.List;
import java.util.OptionalInt;

/**
 * Whether a front member's place rests on noise. One objective is measured with noise (accuracy on a finite
 * validation set, with a standard error per point); the others are exact (counts, cost models). A member is
 * <em>not significantly better</em> than a neighbour when the neighbour is at least as good on every exact
 * objective and the member's lead on the noisy one is below {@link #Z}·√(se₁² + se₂²), the two-sided 95% bound on
 * the difference of two independent estimates: the data do not show that what the member pays on the exact
 * objectives buys anything. Such a neighbour is usually the front member or dominated point just cheaper than it.
 * Points whose standard error is unknown (NaN) are never judged.
 */
public final class NoisyLead {
    /** Two-sided 95% quantile of the standard normal. */
    public static final double Z = 1.96;

    private NoisyLead() {
    }

    /**
     * The neighbour {@code member} is not significantly better than (the one closest to it on the noisy objective),
     * or empty when its lead over every neighbour is significant.
     *
     * @param values values[i][k]: point i's value of objective k (as measured, not negated for direction)
     * @param se se[i]: standard error of point i's value of the noisy objective
     * @param noisy index of the noisy objective in {@code objectives}
     */
    public static OptionalInt neighbour(int member, double[][] values, double[] se, List<Objective> objectives,
                                        int noisy) {
        if (values.length != se.length) {
            throw new IllegalArgumentException(values.length + " points but " + se.length + " standard errors");
        }
        if (noisy < 0 || noisy >= objectives.size()) {
            throw new IllegalArgumentException("noisy objective index " + noisy + " is not one of the "
                    + objectives.size() + " objectives");
        }
        double sign = objectives.get(noisy).direction() == Direction.MAXIMIZE ? 1 : -1;
        double[] m = values[member];
        if (!Double.isFinite(se[member]) || !Double.isFinite(m[noisy])) {
            return OptionalInt.empty();
        }
        int closest = -1;
        double closestLead = Double.POSITIVE_INFINITY;
        for (int i = 0; i < values.length; i++) {
            double lead = sign * (m[noisy] - values[i][noisy]);
            if (i == member || !Double.isFinite(se[i]) || !Double.isFinite(lead) || lead < 0
                    || !atLeastAsGoodExactly(values[i], m, objectives, noisy)) {
                continue;
            }
            if (lead < Z * Math.sqrt(se[member] * se[member] + se[i] * se[i]) && lead < closestLead) {
                closest = i;
                closestLead = lead;
            }
        }
        return closest < 0 ? OptionalInt.empty() : OptionalInt.of(closest);
    }

    private static boolean atLeastAsGoodExactly(double[] a, double[] b, List<Objective> objectives, int noisy) {
        for (int k = 0; k < objectives.size(); k++) {
            if (k == noisy) {
                continue;
            }
            boolean max = objectives.get(k).direction() == Direction.MAXIMIZE;
            if (!(max ? a[k] >= b[k] : a[k] <= b[k])) {
                return false;
            }
        }
        return true;
    }
}
