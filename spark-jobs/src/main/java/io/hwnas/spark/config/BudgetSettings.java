package io.hwnas.spark.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.hwnas.hant.ilp.BudgetSweep;

import java.io.Serializable;
import java.util.List;

/**
 * The latency budgets HANT's integer program is solved for, as exactly one of: {@code steps} budgets evenly
 * spaced from the fastest net the library allows to the teacher's latency; {@code fractions} of the teacher's
 * latency; or absolute {@code milliseconds}. Budgets are whole-net latencies on the configured device.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BudgetSettings(Integer steps, List<Double> fractions, List<Double> milliseconds) implements Serializable {
    public static final int MAX_BUDGETS = 200;

    public BudgetSettings {
        int given = (steps == null ? 0 : 1) + (fractions == null ? 0 : 1) + (milliseconds == null ? 0 : 1);
        if (given != 1) {
            throw new IllegalArgumentException("exactly one of 'steps', 'fractions' or 'milliseconds' must be given, got "
                    + given);
        }
        if (steps != null && (steps < 1 || steps > MAX_BUDGETS)) {
            throw new IllegalArgumentException("field 'steps' = " + steps + " must be in 1.." + MAX_BUDGETS);
        }
        fractions = check("fractions", fractions, 1.0);
        milliseconds = check("milliseconds", milliseconds, Double.MAX_VALUE);
    }

    private static List<Double> check(String field, List<Double> values, double max) {
        if (values == null) {
            return null;
        }
        if (values.isEmpty() || values.size() > MAX_BUDGETS) {
            throw new IllegalArgumentException("field '" + field + "' must list 1.." + MAX_BUDGETS + " budgets");
        }
        for (int i = 0; i < values.size(); i++) {
            Double v = values.get(i);
            if (v == null || !(v > 0 && v <= max) || v.isInfinite()) {
                throw new IllegalArgumentException("field '" + field + "[" + i + "]' = " + v + " must be in (0, "
                        + (max == 1.0 ? "1] (a fraction of the teacher's latency)" : "inf) ms"));
            }
        }
        return List.copyOf(values);
    }

    @JsonCreator
    static BudgetSettings fromJson(@JsonProperty("steps") Integer steps, @JsonProperty("fractions") List<Double> fractions,
                                   @JsonProperty("milliseconds") List<Double> milliseconds) {
        return new BudgetSettings(steps, fractions, milliseconds);
    }

    public static BudgetSettings steps(int steps) {
        return new BudgetSettings(steps, null, null);
    }

    /** The whole-net budgets in ms, given the fastest possible and the teacher's latency. */
    public List<Double> resolve(double cheapestMs, double teacherMs) {
        if (steps != null) {
            return BudgetSweep.linear(cheapestMs, teacherMs, steps);
        }
        if (fractions != null) {
            return fractions.stream().map(f -> f * teacherMs).toList();
        }
        return milliseconds;
    }

    /** Which field and entry budget {@code i} came from, for error messages. */
    public String describe(int i) {
        return steps != null ? "field 'budgets.steps'" : fractions != null
                ? "field 'budgets.fractions[" + i + "]' = " + fractions.get(i)
                : "field 'budgets.milliseconds[" + i + "]' = " + milliseconds.get(i);
    }
}
