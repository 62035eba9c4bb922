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

    @Override
    public String toString() {
        return "max |Δ| = " + maxAbsDiff + " at '" + worstVertex + "' over " + perVertex.size()
                + " vertices (max |activation| " + referenceMax + ")";
    }
}
