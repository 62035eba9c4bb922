package io.hwnas.search;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.hwnas.eval.ResultTable;
import io.hwnas.pareto.Direction;
import io.hwnas.pareto.Objective;

import java.io.Serializable;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code search:} section of a sweep config: which strategy, how many evaluations, what to
 * optimise under which constraints, and the hypervolume reference point.
 *
 * @param objectives null for the default: maximise accuracy and FPS on the first device
 * @param reference objective column → reference value; objectives left out get a default where one
 *     is natural (see {@link #goal})
 */
public record SearchSettings(StrategySettings strategy, int evaluations, List<Objective> objectives,
                             List<Bound> constraints, Map<String, Double> reference) implements Serializable {

    public static final int MAX_EVALUATIONS = 1_000_000;
    /** Columns whose values are never negative, so 0 is a natural reference when they are maximised. */
    private static final Pattern NON_NEGATIVE = Pattern.compile(
            "accuracy|accuracy_int8|psnr|psnr_bicubic|map50|map50_95|fps_.*|macs|trainable_params|state_params|peak_activation_elements|training_macs|training_params"
                    + "|nonlinear_units|grad_norm|latency_ms_.*|peak_memory_bytes_.*|fits_on_chip_.*");

    public SearchSettings {
        if (strategy == null) {
            throw new IllegalArgumentException("field 'search.strategy' is required");
        }
        if (evaluations <= 0 || evaluations > MAX_EVALUATIONS) {
            throw new IllegalArgumentException("field 'search.evaluations' = " + evaluations + " must be in 1.."
                    + MAX_EVALUATIONS);
        }
        objectives = objectives == null ? null : List.copyOf(objectives);
        if (objectives != null) {
            if (objectives.isEmpty() || objectives.size() > 3) {
                throw new IllegalArgumentException("field 'search.objectives' lists " + objectives.size()
                        + " objectives; 1 to 3 are supported (hypervolume is exact up to 3)");
            }
            Set<String> names = new HashSet<>();
            for (Objective o : objectives) {
                if (!names.add(o.name())) {
                    throw new IllegalArgumentException("field 'search.objectives' lists '" + o.name() + "' twice");
                }
            }
        }
        constraints = constraints == null ? List.of() : List.copyOf(constraints);
        for (int i = 0; i < constraints.size(); i++) {
            Bound b = constraints.get(i);
            if (b.max() != null && b.max() < 0 && NON_NEGATIVE.matcher(b.metric()).matches()) {
                // no candidate could ever be feasible: the sweep would run to an empty front
                throw new IllegalArgumentException("field 'search.constraints[" + i + "].max' = " + b.max() + " on '"
                        + b.metric() + "' can never hold: the column is never negative");
            }
        }
        reference = reference == null ? Map.of() : Map.copyOf(reference);
        for (Map.Entry<String, Double> e : reference.entrySet()) {
            if (e.getValue() == null || !Double.isFinite(e.getValue())) {
                throw new IllegalArgumentException("field 'search.reference." + e.getKey() + "' = " + e.getValue()
                        + " must be a finite number");
            }
        }
    }

    @JsonCreator
    static SearchSettings fromJson(@JsonProperty("strategy") StrategySettings strategy,
                                   @JsonProperty("evaluations") Integer evaluations,
                                   @JsonProperty("objectives") List<Objective> objectives,
                                   @JsonProperty("constraints") List<Bound> constraints,
                                   @JsonProperty("reference") Map<String, Double> reference) {
        if (evaluations == null) {
            throw new IllegalArgumentException("field 'search.evaluations' is required");
        }
        return new SearchSettings(strategy == null ? RandomSearch.Settings.ofBatch(0) : strategy, evaluations,
                objectives, constraints, reference);
    }

    /** Random sampling of {@code evaluations} points, the behaviour of a config without a search section. */
    public static SearchSettings random(int evaluations, int batchSize) {
        return new SearchSettings(RandomSearch.Settings.ofBatch(batchSize), evaluations, null, null, null);
    }

    /** The objectives, defaulted against the devices this sweep reports. */
    public List<Objective> objectives(List<String> devices) {
        return objectives != null ? objectives
                : List.of(Objective.maximize("accuracy"), Objective.maximize("fps_" + ResultTable.deviceSuffix(devices.get(0))));
    }

    /**
     * The goal over this sweep's result columns. Each objective's reference is, in order: the
     * configured value; the constraint bound on the same column (a latency budget is the natural
     * worst acceptable value); 0 for a maximised quantity that is never negative. Anything else must
     * be configured, since a made-up reference would make hypervolumes incomparable between runs.
     */
    public SearchGoal goal(ResultTable table, List<String> devices) {
        List<Objective> objs = objectives(devices);
        for (String name : reference.keySet()) {
            if (objs.stream().noneMatch(o -> o.name().equals(name))) {
                throw new IllegalArgumentException("field 'search.reference' names '" + name
                        + "', which is not an objective; objectives are " + objs.stream().map(Objective::name).toList());
            }
        }
        double[] ref = new double[objs.size()];
        for (int i = 0; i < ref.length; i++) {
            ref[i] = referenceFor(objs.get(i));
        }
        return new SearchGoal(objs, constraints, ref, table);
    }

    private double referenceFor(Objective o) {
        if (reference.containsKey(o.name())) {
            return reference.get(o.name());
        }
        for (Bound b : constraints) {
            if (b.metric().equals(o.name())) {
                Double bound = o.direction() == Direction.MINIMIZE ? b.max() : b.min();
                if (bound != null) {
                    return bound;
                }
            }
        }
        if (o.direction() == Direction.MAXIMIZE && NON_NEGATIVE.matcher(o.name()).matches()) {
            return 0;
        }
        throw new IllegalArgumentException("field 'search.reference' needs a value for objective '" + o.name() + "' ("
                + o.direction().name().toLowerCase(java.util.Locale.ROOT)
                + "d): the hypervolume counts only points better than it, so it must be fixed for runs to compare");
    }

    /** For provenance: the resolved reference point by objective name. */
    public Map<String, Double> referenceMap(SearchGoal goal) {
        Map<String, Double> out = new LinkedHashMap<>();
        double[] ref = goal.reference();
        for (int i = 0; i < ref.length; i++) {
            out.put(goal.objectives().get(i).name(), ref[i]);
        }
        return out;
    }
}
