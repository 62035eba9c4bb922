package io.hwnas.transform;

import java.util.Map;

/**
 * Result of an {@link ExactnessOracle} run.
 *
 * @param perVertex max |Δ| at every vertex present in both graphs (infinite where shapes differ)
 * @param worstVertex the vertex with the largest difference
 * @param referenceMax the largest |activation| of the source graph over the compared vertices, to
 *     judge {@code maxAbsDiff} against: fp32 rounding grows with the magnitude
 */
public record OracleReport(double maxAbsDiff, String worstVertex, Map<String, Double> perVertex, double referenceMax) {

    public OracleReport {
        perVertex = Map.copyOf(perVertex);
    }

    public boolean within(double tolerance) {
        return maxAbsDiff < tolerance;
    }

    /**
     * The bar for whole networks: {@link ExactnessOracle#FP32_TOLERANCE} while activations stay
     * within ±10, then 1e-5 of the largest activation. The oracle's random batch-norm statistics
     * inflate activations with depth (to ~170 through resnet18_mini), and fp32 rounding of an exact
     * rewrite alone then passes 1e-4 (1.07e-4 on the unmodified net, whose deployment only folds
     * BN). 1e-5 relative is ~80 ulps; a wrong rewrite (fold formula, border padding) errs by 1e-3
     * relative or more.
     */
    public double fp32Bar() {
        return fp32Bar(referenceMax);
    }

    /** {@link #fp32Bar()} for a network whose largest |activation| is {@code referenceMax}. */
    public static double fp32Bar(double referenceMax) {
        return Math.max(ExactnessOracle.FP32_TOLERANCE, 1e-5 * referenceMax);
    }

    public boolean withinFp32Rounding() {
        return maxAbsDiff < fp32Bar();
    }

    @Override
    public String toString() {
        return "max |Δ| = " + maxAbsDiff + " at '" + worstVertex + "' over " + perVertex.size()
                + " vertices (max |activation| " + referenceMax + ")";
    }
}
