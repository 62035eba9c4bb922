package io.hwnas.hant.ilp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Solves one problem over many budgets and keeps each distinct assignment once, at the smallest budget that
 * chose it: the front of score against cost that HANT fine-tunes.
 */
public final class BudgetSweep {

    /** One distinct answer of the sweep. */
    public record Point(double budget, Assignment assignment) {
    }

    private BudgetSweep() {
    }

    /** {@code steps} budgets evenly spaced from {@code from} to {@code to}, both included. */
    public static List<Double> linear(double from, double to, int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps = " + steps + " must be >= 1");
        }
        if (!(from <= to) || !Double.isFinite(from) || !Double.isFinite(to)) {
            throw new IllegalArgumentException("budget range [" + from + ", " + to + "] must be finite and ordered");
        }
        if (steps == 1) {
            return List.of(to);
        }
        List<Double> out = new ArrayList<>(steps);
        for (int k = 0; k < steps; k++) {
            // the end points exactly, not from + (steps-1)·step, which can round past them
            out.add(k == steps - 1 ? to : from + (to - from) * k / (steps - 1));
        }
        return out;
    }

    /**
     * @param budgets in any order; each must be feasible
     * @return distinct assignments in increasing budget order
     * @throws InfeasibleBudgetException for the first budget no assignment fits
     */
    public static List<Point> sweep(AssignmentProblem problem, List<Double> budgets) {
        double[] sorted = budgets.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        Map<String, Point> distinct = new LinkedHashMap<>();
        for (double b : sorted) {
            Assignment a = AssignmentSolver.solve(problem, b);
            distinct.putIfAbsent(Arrays.toString(a.choice()), new Point(b, a));
        }
        return List.copyOf(distinct.values());
    }
}
