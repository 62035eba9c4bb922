package io.hwnas.search;

import io.hwnas.eval.EvaluationResult;
import io.hwnas.eval.ResultTable;
import io.hwnas.pareto.Direction;
import io.hwnas.pareto.Hypervolume;
import io.hwnas.pareto.Objective;
import io.hwnas.pareto.ParetoFront;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * What a search optimises: objectives and constraints over result columns (the names of
 * results.csv), and the reference point its hypervolume is measured against. Strategies rank
 * results only through this, so any column — accuracy, a device's latency, a proxy — can be an
 * objective or a filter.
 */
public final class SearchGoal {
    private final List<Objective> objectives;
    private final List<Bound> constraints;
    private final double[] reference;
    private final ResultTable table;

    public SearchGoal(List<Objective> objectives, List<Bound> constraints, double[] reference, ResultTable table) {
        if (objectives == null || objectives.isEmpty()) {
            throw new IllegalArgumentException("field 'search.objectives' must list at least one objective");
        }
        this.objectives = List.copyOf(objectives);
        this.constraints = List.copyOf(constraints);
        this.table = table;
        List<String> names = table.names();
        for (Objective o : this.objectives) {
            requireNumericColumn("search.objectives", o.name(), names);
        }
        for (Bound b : this.constraints) {
            requireNumericColumn("search.constraints", b.metric(), names);
        }
        if (reference == null || reference.length != this.objectives.size()) {
            throw new IllegalArgumentException("the hypervolume reference needs one value per objective "
                    + this.objectives.stream().map(Objective::name).toList() + ", got "
                    + (reference == null ? "none" : Arrays.toString(reference)));
        }
        this.reference = reference.clone();
    }

    private void requireNumericColumn(String field, String name, List<String> names) {
        if (!names.contains(name)) {
            throw new IllegalArgumentException("field '" + field + "' names unknown column '" + name + "'; known: " + names);
        }
        if (table.column(name).type() == io.hwnas.eval.Column.Type.STRING) {
            throw new IllegalArgumentException("field '" + field + "' names text column '" + name
                    + "', which cannot be optimised");
        }
    }

    public List<Objective> objectives() {
        return objectives;
    }

    public List<Bound> constraints() {
        return constraints;
    }

    public double[] reference() {
        return reference.clone();
    }

    public ResultTable table() {
        return table;
    }

    /** The objective values of a result, in objective order and their own directions. */
    public double[] values(EvaluationResult r) {
        return objectives.stream().mapToDouble(o -> table.number(r, o.name())).toArray();
    }

    /**
     * 0 for a feasible result; otherwise the summed relative distance outside the constraints.
     * Failed results, and results with a NaN objective, are infinitely infeasible.
     */
    public double violation(EvaluationResult r) {
        if (!r.ok()) {
            return Double.POSITIVE_INFINITY;
        }
        for (double v : values(r)) {
            if (Double.isNaN(v)) {
                return Double.POSITIVE_INFINITY;
            }
        }
        double v = 0;
        for (Bound b : constraints) {
            v += b.violation(table.number(r, b.metric()));
        }
        return v;
    }

    public boolean feasible(EvaluationResult r) {
        return violation(r) == 0;
    }

    /** The feasible, non-dominated results, in input order. */
    public List<EvaluationResult> front(List<EvaluationResult> results) {
        List<EvaluationResult> feasible = results.stream().filter(this::feasible).toList();
        int[] idx = ParetoFront.nonDominated(feasible.stream().map(this::values).toList(), objectives);
        return Arrays.stream(idx).mapToObj(feasible::get).toList();
    }

    /**
     * Hypervolume of the feasible results against the reference (exact for 2 and 3 objectives; one
     * objective is its best improvement over the reference).
     */
    public double hypervolume(List<EvaluationResult> results) {
        return hypervolumeOf(results.stream().filter(this::feasible).map(this::values).toList());
    }

    /** Hypervolume of objective vectors (one value per objective, in objective order) taken as feasible. */
    public double hypervolumeOf(List<double[]> points) {
        if (objectives.size() == 1) {
            Direction d = objectives.get(0).direction();
            double ref = d.minimizing(reference[0]);
            return points.stream().mapToDouble(p -> Math.max(0, ref - d.minimizing(p[0]))).max().orElse(0);
        }
        return Hypervolume.of(points, objectives, reference);
    }

    /**
     * Non-dominated sorting (NSGA-II's fronts): rank 0 is the feasible front, rank 1 the front of
     * what remains, and so on; infeasible results come after every feasible one, ordered by how far
     * outside the constraints they are (Deb's constraint domination).
     */
    public int[] ranks(List<EvaluationResult> results) {
        int[] rank = new int[results.size()];
        List<Integer> remaining = new ArrayList<>();
        List<Integer> infeasible = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            (feasible(results.get(i)) ? remaining : infeasible).add(i);
        }
        int level = 0;
        while (!remaining.isEmpty()) {
            List<double[]> points = remaining.stream().map(i -> values(results.get(i))).toList();
            int[] front = ParetoFront.nonDominated(points, objectives);
            List<Integer> next = new ArrayList<>(remaining);
            for (int f = front.length - 1; f >= 0; f--) {
                rank[remaining.get(front[f])] = level;
                next.remove((int) front[f]);
            }
            remaining = next;
            level++;
        }
        infeasible.sort(Comparator.comparingDouble(i -> violation(results.get(i))));
        for (int k = 0; k < infeasible.size(); k++) {
            double v = violation(results.get(infeasible.get(k)));
            if (k > 0 && v != violation(results.get(infeasible.get(k - 1)))) {
                level++;
            }
            rank[infeasible.get(k)] = level;
        }
        return rank;
    }
}
