package io.hwnas.search;

import io.hwnas.arch.Architecture;
import io.hwnas.eval.Candidate;
import io.hwnas.eval.EvaluationResult;
import io.hwnas.eval.Evaluator;
import io.hwnas.eval.ResultTable;
import io.hwnas.eval.Status;
import io.hwnas.pareto.Objective;
import io.hwnas.space.Choice;
import io.hwnas.space.Dimension;
import io.hwnas.space.SearchSpace;
import io.hwnas.space.SpaceKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * A synthetic problem with a known Pareto front, for testing strategies in milliseconds: a grid of
 * {@code dims} dimensions with {@code options} options each, scored by a discretised ZDT1 (Zitzler,
 * Deb, Thiele 2000). With x_i = gene_i / (options − 1): f1 = x_0, g = 1 + 9·mean(x_1..), f2 = g·(1 −
 * √(f1/g)), both minimised. The front is g = 1 (every gene but the first at option 0), which a
 * uniform sample almost never hits, so finding it takes search.
 */
final class GridProblem {
    static final ResultTable TABLE = new ResultTable(List.of(), List.of("f1", "f2", "sum"));
    static final double[] REFERENCE = {1.1, 11};

    private GridProblem() {
    }

    static SearchGoal goal(List<Bound> constraints) {
        return new SearchGoal(List.of(Objective.minimize("f1"), Objective.minimize("f2")), constraints, REFERENCE,
                TABLE);
    }

    /** The hypervolume of the true front of an unconstrained grid: g = 1, f1 = k/(options − 1), f2 = 1 − √f1. */
    static double frontHypervolume(int options) {
        double hv = 0;
        for (int k = 0; k < options; k++) {
            double f1 = k / (options - 1.0);
            double next = k + 1 < options ? (k + 1) / (options - 1.0) : REFERENCE[0];
            hv += (next - f1) * (REFERENCE[1] - (1 - Math.sqrt(f1)));
        }
        return hv;
    }

    /**
     * @param maxSum the space's own constraint (sum of genes ≤ maxSum, like a branch budget); 0 = none
     */
    record Grid(int dims, int options, int maxSum) implements SearchSpace {

        private static final SpaceKind KIND = new ProblemKind("grid", Grid.class);

        @Override
        public SpaceKind kind() {
            return KIND;
        }

        @Override
        public List<Dimension> dimensions() {
            List<String> opts = new ArrayList<>();
            for (int o = 0; o < options; o++) {
                opts.add("o" + o);
            }
            List<Dimension> out = new ArrayList<>();
            for (int d = 0; d < dims; d++) {
                out.add(new Dimension("x" + d, opts));
            }
            return out;
        }

        @Override
        public Architecture decode(Choice choice) {
            throw new UnsupportedOperationException("grid points have no network");
        }

        @Override
        public Optional<String> violation(Choice choice) {
            int sum = choice.genes().stream().mapToInt(Integer::intValue).sum();
            return maxSum > 0 && sum > maxSum ? Optional.of("gene sum " + sum + " > " + maxSum) : Optional.empty();
        }

        @Override
        public Choice sample(RandomGenerator rng) {
            while (true) {
                Choice c = SearchSpace.super.sample(rng);
                if (violation(c).isEmpty()) {
                    return c;
                }
            }
        }
    }

    /** Scores points by ZDT1; a point whose first two genes are both {@code failOption} fails. */
    static final class Zdt implements Evaluator {
        private final int options;
        private final int failOption;
        int evaluated;

        Zdt(int options, int failOption) {
            this.options = options;
            this.failOption = failOption;
        }

        @Override
        public List<EvaluationResult> evaluate(List<Candidate> candidates) {
            evaluated += candidates.size();
            return candidates.stream().map(this::score).toList();
        }

        private EvaluationResult score(Candidate c) {
            List<Integer> g = c.choice().genes();
            if (g.get(0) == failOption && g.get(1) == failOption) {
                return result(c, Status.FAILED, "synthetic failure", Map.of());
            }
            double f1 = g.get(0) / (options - 1.0);
            double rest = 0;
            for (int i = 1; i < g.size(); i++) {
                rest += g.get(i) / (options - 1.0);
            }
            double gg = 1 + 9 * rest / (g.size() - 1);
            double f2 = gg * (1 - Math.sqrt(f1 / gg));
            double sum = g.stream().mapToInt(Integer::intValue).sum();
            return result(c, Status.OK, null, Map.of("f1", f1, "f2", f2, "sum", sum));
        }
    }

    static EvaluationResult result(Candidate c, Status status, String error, Map<String, Double> proxies) {
        return new EvaluationResult(c.id(), c.generation(), c.fingerprint(), c.description(), status, error, Double.NaN,
                Double.NaN, Double.NaN, -1, -1, -1, -1, List.of(), -1, -1, Double.NaN, Double.NaN, 0, Double.NaN, c.seed(), "test",
                proxies);
    }
}
