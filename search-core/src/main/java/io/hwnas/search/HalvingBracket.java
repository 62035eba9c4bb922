package io.hwnas.search;

import io.hwnas.eval.EvaluationResult;
import io.hwnas.eval.Fidelity;
import io.hwnas.pareto.Objective;
import io.hwnas.space.Choice;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One successive-halving ladder over given points: rung r trains its points at {@code fidelities[r]},
 * and the next rung keeps the best 1/eta of them — by Pareto rank under the goal (constraints first,
 * Deb's rule), ties broken by crowding distance (NSGA-II's, so the survivors spread along the front).
 * {@link SuccessiveHalving} runs one; {@link Hyperband} runs several with different trade-offs.
 */
final class HalvingBracket {
    private final List<Fidelity> fidelities;
    private final int eta;
    private final SearchGoal goal;
    private List<Choice> rung;
    private int level;

    HalvingBracket(List<Choice> points, List<Fidelity> fidelities, int eta, SearchGoal goal) {
        if (fidelities.isEmpty() || eta < 2) {
            throw new IllegalArgumentException("a bracket needs at least one rung and eta >= 2");
        }
        this.rung = List.copyOf(points);
        this.fidelities = List.copyOf(fidelities);
        this.eta = eta;
        this.goal = goal;
    }

    /** Evaluations a ladder of {@code rungs} rungs starting with {@code n} points takes. */
    static long cost(long n, int rungs, int eta) {
        long total = 0;
        for (int r = 0; r < rungs; r++, n = survivors(n, eta)) {
            total += n;
        }
        return total;
    }

    /** Points promoted out of a rung of {@code n}: the best 1/eta, but never none. */
    static long survivors(long n, int eta) {
        return Math.max(1, n / eta);
    }

    boolean done() {
        return level >= fidelities.size() || rung.isEmpty();
    }

    /** The current rung, at most {@code remaining} of it; empty once the last rung was told. */
    List<Proposal> ask(int remaining) {
        if (done()) {
            return List.of();
        }
        Fidelity fidelity = fidelities.get(level);
        return rung.stream().limit(remaining).map(c -> new Proposal(c, fidelity)).toList();
    }

    /** The current rung's results, in proposal order: promotes the best of them to the next rung. */
    void tell(List<Trial> trials) {
        List<EvaluationResult> results = trials.stream().map(Trial::result).toList();
        int[] rank = goal.ranks(results);
        double[] crowding = crowding(results, rank);
        Integer[] order = new Integer[trials.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.<Integer>comparingInt(i -> rank[i]).thenComparing(i -> -crowding[i]));
        int keep = (int) survivors(trials.size(), eta);
        List<Choice> next = new ArrayList<>(keep);
        for (int i = 0; i < keep && i < order.length; i++) {
            next.add(trials.get(order[i]).proposal().choice());
        }
        rung = next;
        level++;
    }

    /**
     * NSGA-II's crowding distance within each rank: the normalised side lengths of the box between a
     * point's neighbours along every objective, infinite at a rank's extremes. Infeasible points get 0.
     */
    private double[] crowding(List<EvaluationResult> results, int[] rank) {
        double[] distance = new double[results.size()];
        double[][] values = results.stream().map(goal::values).toArray(double[][]::new);
        List<Objective> objectives = goal.objectives();
        for (int r = 0; r <= Arrays.stream(rank).max().orElse(-1); r++) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < rank.length; i++) {
                if (rank[i] == r && goal.feasible(results.get(i))) {
                    members.add(i);
                }
            }
            for (int k = 0; k < objectives.size(); k++) {
                final int obj = k;
                members.sort(Comparator.comparingDouble(i -> values[i][obj]));
                if (members.isEmpty()) {
                    continue;
                }
                double lo = values[members.get(0)][obj];
                double hi = values[members.get(members.size() - 1)][obj];
                distance[members.get(0)] = Double.POSITIVE_INFINITY;
                distance[members.get(members.size() - 1)] = Double.POSITIVE_INFINITY;
                for (int m = 1; m + 1 < members.size() && hi > lo; m++) {
                    distance[members.get(m)] += (values[members.get(m + 1)][obj] - values[members.get(m - 1)][obj])
                            / (hi - lo);
                }
            }
        }
        return distance;
    }
}
