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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A search problem with known answers for strategy tests: a categorical space without networks and
 * an evaluator that computes named metrics from the genes, reported as proxy columns so goals can
 * use them. It counts evaluations, so tests can check that nothing is evaluated twice.
 */
final class SyntheticProblem implements Evaluator {
    final Space space;
    final List<String> metrics;
    private final Function<Choice, double[]> f;
    final List<Candidate> evaluated = new ArrayList<>();

    SyntheticProblem(int dimensions, int options, List<String> metrics, Function<Choice, double[]> f) {
        this.space = new Space(dimensions, options);
        this.metrics = List.copyOf(metrics);
        this.f = f;
    }

    ResultTable table() {
        return new ResultTable(List.of(), metrics);
    }

    SearchGoal goal(List<Objective> objectives, List<Bound> constraints, double... reference) {
        return new SearchGoal(objectives, constraints, reference, table());
    }

    @Override
    public List<EvaluationResult> evaluate(List<Candidate> candidates) {
        evaluated.addAll(candidates);
        List<EvaluationResult> out = new ArrayList<>();
        for (Candidate c : candidates) {
            double[] v = f.apply(c.choice());
            Map<String, Double> scores = new HashMap<>();
            for (int i = 0; i < metrics.size(); i++) {
                scores.put(metrics.get(i), v[i]);
            }
            out.add(result(c, Status.OK, scores));
        }
        // executors answer in any order; the search must not depend on it
        java.util.Collections.reverse(out);
        return out;
    }

    static EvaluationResult result(Candidate c, Status status, Map<String, Double> scores) {
        long trainSamples = c.fidelity() == null ? 0 : c.fidelity().samplesSeen();
        return new EvaluationResult(c.id(), c.generation(), c.fingerprint(), c.description(), status,
                status == Status.OK ? null : "synthetic failure", Double.NaN, Double.NaN, Double.NaN, 0, 0, 0, 0, List.of(), 0, 0,
                Double.NaN, Double.NaN, trainSamples, Double.NaN, c.seed(), "test", scores);
    }

    /** dimensions × options grid, no networks. */
    static final class Space implements SearchSpace {
        private final List<Dimension> dims = new ArrayList<>();

        Space(int dimensions, int options) {
            List<String> opts = new ArrayList<>();
            for (int o = 0; o < options; o++) {
                opts.add("o" + o);
            }
            for (int d = 0; d < dimensions; d++) {
                dims.add(new Dimension("d" + d, opts));
            }
        }

        private static final SpaceKind KIND = new ProblemKind("synthetic", Space.class);

        @Override
        public SpaceKind kind() {
            return KIND;
        }

        @Override
        public List<Dimension> dimensions() {
            return dims;
        }

        @Override
        public Architecture decode(Choice choice) {
            throw new UnsupportedOperationException("synthetic points have no network");
        }
    }
}
