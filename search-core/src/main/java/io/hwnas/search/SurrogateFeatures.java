package io.hwnas.search;

import io.hwnas.arch.ArchitectureCounts;
import io.hwnas.eval.EvaluationResult;
import io.hwnas.eval.ResultTable;
import io.hwnas.space.Choice;
import io.hwnas.space.Dimension;
import io.hwnas.space.SearchSpace;
import io.hwnas.space.SpaceCapability;
import io.hwnas.tabular.TabularEvaluator;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * What the driver knows about a point without evaluating it, for the surrogate strategies: its
 * features (each dimension's option index, plus one indicator per option of dimensions with more than
 * two, so a tree can split off any single option) and the exact value of every result column known
 * without training, which are computed, never predicted:
 * <ul>
 *   <li>for a space of networks, what counting the network gives ({@code macs}, {@code trainable_params},
 *       ... as {@link io.hwnas.eval.CandidateEvaluator} computes them). Device cost columns are not among
 *       them: a strategy is created without the sweep's devices and cost models, so they are learned like
 *       accuracy;</li>
 *   <li>for a table, its columns other than the training ones ({@link TabularEvaluator#knownWithoutTraining}):
 *       counts, device costs and proxy scores, which a table's user has for every point, as a
 *       network's user has its counts. Only accuracy and the other training columns are learned.</li>
 * </ul>
 * The known {@code macs} and {@code trainable_params} are also features (log-scaled): the cost drivers
 * every objective tends to follow.
 */
final class SurrogateFeatures {
    /** Result columns a network's counts give exactly: deployed form first, then the training-time form. */
    private static final Map<String, Count> COUNTS = Map.of(
            "macs", new Count(true, ArchitectureCounts::macs),
            "trainable_params", new Count(true, ArchitectureCounts::trainableParams),
            "state_params", new Count(true, ArchitectureCounts::stateParams),
            "peak_activation_elements", new Count(true, ArchitectureCounts::peakActivationElements),
            "training_macs", new Count(false, ArchitectureCounts::macs),
            "training_params", new Count(false, ArchitectureCounts::trainableParams));
    private static final List<String> COUNT_FEATURES = List.of("macs", "trainable_params");

    private record Count(boolean deployed, ToLongFunction<ArchitectureCounts> value) {
    }

    private record Counted(ArchitectureCounts deployed, ArchitectureCounts training) {
    }

    private final SearchSpace space;
    /** The space's table, or null when its points are not rows of one. */
    private final TabularEvaluator table;
    private final ResultTable tableColumns;
    private final Set<String> known;
    private final List<String> countFeatures;
    private final int width;
    private final Map<Choice, Counted> counted = new HashMap<>();

    SurrogateFeatures(SearchSpace space) {
        this.space = space;
        this.table = space.has(SpaceCapability.TABLE) ? TabularEvaluator.load(space, space.lookupTable(), List.of())
                : null;
        this.tableColumns = table == null ? null : table.resultTable();
        this.known = table != null ? Set.copyOf(table.knownWithoutTraining())
                : space.has(SpaceCapability.NETWORKS) ? COUNTS.keySet() : Set.of();
        this.countFeatures = COUNT_FEATURES.stream().filter(known::contains).toList();
        int w = 0;
        for (Dimension d : space.dimensions()) {
            w += 1 + (d.size() > 2 ? d.size() : 0);
        }
        this.width = w + countFeatures.size();
    }

    /** The columns of {@code columns} this space's points give exactly, without evaluation. */
    Set<String> exact(Set<String> columns) {
        return columns.stream().filter(known::contains).collect(Collectors.toUnmodifiableSet());
    }

    /** Whether the point can be evaluated at all: a table's point must be one of its rows. */
    boolean admissible(Choice choice) {
        return table == null || table.row(choice).isPresent();
    }

    /** The exact value of {@code column}, one of {@link #exact}, for an {@link #admissible} point. */
    double value(Choice choice, String column) {
        if (table != null) {
            EvaluationResult row = table.row(choice).orElseThrow(() -> new IllegalArgumentException(
                    "point " + choice + " is not a row of the table"));
            return tableColumns.number(row, column);
        }
        Count c = COUNTS.get(column);
        Counted n = counts(choice);
        return c.value().applyAsLong(c.deployed() ? n.deployed() : n.training());
    }

    double[] of(Choice choice) {
        double[] x = new double[width];
        int k = 0;
        List<Dimension> dims = space.dimensions();
        for (int d = 0; d < dims.size(); d++) {
            int gene = choice.gene(d);
            x[k++] = gene;
            if (dims.get(d).size() > 2) {
                x[k + gene] = 1;
                k += dims.get(d).size();
            }
        }
        for (String f : countFeatures) {
            x[k++] = Math.log1p(value(choice, f));
        }
        return x;
    }

    private Counted counts(Choice choice) {
        return counted.computeIfAbsent(choice, c -> new Counted(ArchitectureCounts.of(space.deploy(c).architecture()),
                ArchitectureCounts.of(space.decode(c))));
    }
}
