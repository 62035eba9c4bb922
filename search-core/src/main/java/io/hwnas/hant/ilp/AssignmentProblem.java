package io.hwnas.hant.ilp;

import java.io.Serializable;
import java.util.List;

/**
 * A multiple-choice knapsack: pick exactly one option per group, total cost ≤ budget, maximise the total
 * score. HANT's phase 2, with groups = layers, options = candidate ops, score = distillation score and
 * cost = latency.
 */
public record AssignmentProblem(List<List<Option>> groups) implements Serializable {

    public AssignmentProblem {
        if (groups == null || groups.isEmpty()) {
            throw new IllegalArgumentException("field 'groups' must have at least one group");
        }
        for (int i = 0; i < groups.size(); i++) {
            if (groups.get(i) == null || groups.get(i).isEmpty()) {
                throw new IllegalArgumentException("field 'groups[" + i + "]' has no options");
            }
        }
        groups = groups.stream().map(List::copyOf).toList();
    }

    public int size() {
        return groups.size();
    }

    /** The least total cost any assignment can have: every group at its cheapest option. */
    public double minimumCost() {
        // a plain left-to-right sum, as cost() adds: a compensated stream sum can differ in the last bit and
        // make the cheapest assignment look over a budget equal to this
        double total = 0;
        for (List<Option> g : groups) {
            total += g.stream().mapToDouble(Option::cost).min().orElseThrow();
        }
        return total;
    }

    public double score(int[] choice) {
        double s = 0;
        for (int i = 0; i < choice.length; i++) {
            s += groups.get(i).get(choice[i]).score();
        }
        return s;
    }

    public double cost(int[] choice) {
        double c = 0;
        for (int i = 0; i < choice.length; i++) {
            c += groups.get(i).get(choice[i]).cost();
        }
        return c;
    }

    /** The number of assignments, capped at {@link Long#MAX_VALUE}. */
    public long assignments() {
        long n = 1;
        for (List<Option> g : groups) {
            n = n > Long.MAX_VALUE / g.size() ? Long.MAX_VALUE : n * g.size();
        }
        return n;
    }
}
