package io.hwnas.search;

import io.hwnas.arch.ArchitectureCounts;
import io.hwnas.space.Choice;
import io.hwnas.space.Dimension;
import io.hwnas.space.SearchSpace;
import io.hwnas.space.SpaceCapability;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * What the driver knows about a point without evaluating it, for the surrogate strategies: its
 * features (each dimension's option index, plus one indicator per option of dimensions with more than
 * two, so a tree can split off any single option) and, for a space of networks, the exact value of every
 * result column that counting the network gives ({@code macs}, {@code trainable_params}, ... as
 * {@link io.hwnas.eval.CandidateEvaluator} computes them), which are also features (log-scaled).
 * Those columns are computed, never predicted. Device cost columns are not among them: a strategy
 * is created without the sweep's devices and cost models, so they are learned like accuracy.
 */
final class SurrogateFeatures {
    /** Result columns a network's counts give exactly: deployed form first, then the training-time form. */
    private static final Map<String, Count> EXACT = Map.of(
            "macs", new Count(true, ArchitectureCounts::macs),
            "trainable_params", new Count(true, ArchitectureCounts::trainableParams),
            "state_params", new Count(true, ArchitectureCounts::stateParams),
            "peak_activation_elements", new Count(true, ArchitectureCounts::peakActivationElements),
            "training_macs", new Count(false, ArchitectureCounts::macs),
            "training_params", new Count(false, ArchitectureCounts::trainableParams));
    /** The counts used as features: the cost drivers every objective tends to follow. */
    private static final List<String> COUNT_FEATURES = List.of("macs", "trainable_params");

    private record Count(boolean deployed, ToLongFunction<ArchitectureCounts> value) {
    }

    private record Counted(ArchitectureCounts deployed, ArchitectureCounts training) {
    }

    private final SearchSpace space;
    private final boolean networks;
    private final int width;
    private final Map<Choice, Counted> counted = new HashMap<>();

    SurrogateFeatures(SearchSpace space) {
        this.space = space;
        this.networks = space.has(SpaceCapability.NETWORKS);
        int w = 0;
        for (Dimension d : space.dimensions()) {
            w += 1 + (d.size() > 2 ? d.size() : 0);
        }
        this.width = w + (networks ? COUNT_FEATURES.size() : 0);
    }

    /** The columns of {@code columns} this space's points give exactly, without evaluation. */
    Set<String> exact(Set<String> columns) {
        if (!networks) {
            return Set.of();
        }
        return columns.stream().filter(EXACT::containsKey).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** The exact value of {@code column}, one of {@link #exact}. */
    double value(Choice choice, String column) {
        Count c = EXACT.get(column);
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
        if (networks) {
            for (String f : COUNT_FEATURES) {
                x[k++] = Math.log1p(value(choice, f));
            }
        }
        return x;
    }

    private Counted counts(Choice choice) {
        return counted.computeIfAbsent(choice, c -> new Counted(ArchitectureCounts.of(space.deploy(c).architecture()),
                ArchitectureCounts.of(space.decode(c))));
    }
}
