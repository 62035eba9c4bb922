package io.hwnas.search;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A constraint on one result column: {@code latency_ms_ethos_u55_128 <= 30}, {@code
 * fits_on_chip_ethos_u55_128 >= 1}. A result outside it is infeasible: it never enters a front and
 * strategies rank it below every feasible one.
 */
public record Bound(String metric, Double min, Double max) {

    public Bound {
        if (metric == null || metric.isBlank()) {
            throw new IllegalArgumentException("field 'constraints[].metric' is required");
        }
        if (min == null && max == null) {
            throw new IllegalArgumentException("constraint on '" + metric + "' needs 'min' or 'max'");
        }
        if ((min != null && !Double.isFinite(min)) || (max != null && !Double.isFinite(max))) {
            throw new IllegalArgumentException("constraint on '" + metric + "': bounds must be finite numbers");
        }
        if (min != null && max != null && min > max) {
            throw new IllegalArgumentException("constraint on '" + metric + "': min " + min + " > max " + max);
        }
    }

    @JsonCreator
    static Bound fromJson(@JsonProperty("metric") String metric, @JsonProperty("min") Double min,
                          @JsonProperty("max") Double max) {
        return new Bound(metric, min, max);
    }

    public static Bound atMost(String metric, double max) {
        return new Bound(metric, null, max);
    }

    /**
     * How far {@code value} lies outside, relative to the bound's size (0 inside), so violations of
     * bounds in different units can be added; NaN counts as infinitely far.
     */
    public double violation(double value) {
        if (Double.isNaN(value)) {
            return Double.POSITIVE_INFINITY;
        }
        double v = 0;
        if (max != null && value > max) {
            v += (value - max) / Math.max(Math.abs(max), 1e-12);
        }
        if (min != null && value < min) {
            v += (min - value) / Math.max(Math.abs(min), 1e-12);
        }
        return v;
    }
}
