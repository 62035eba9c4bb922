package io.hwnas.space;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.google.auto.service.AutoService;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureCounts;
import io.hwnas.arch.zoo.ReferenceNetworks;
import io.hwnas.arch.zoo.ScalableNetwork;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * RAN-i (shared/docs/algorithms.md §3): a base network scaled by a width multiplier and a depth
 * multiplier, ranked without training by NN-Mass, its count of non-linear units. At a fixed MAC
 * budget deeper, narrower nets carry more non-linear units, which is the paper's argument for them.
 *
 * @param maxMacs optional budget on the deployed form's MACs; points above it are inadmissible
 */
public record RanISpace(String base, ImageInput input, int classes, List<Double> widthMultipliers,
                        List<Double> depthMultipliers, Long maxMacs) implements SearchSpace {

    public static final String TYPE = "ran-i";

    /** One scaled configuration with what RAN-i ranks it by. */
    public record Ranked(Choice choice, double widthMultiplier, double depthMultiplier, List<Integer> depths,
                         List<Integer> widths, long nnMass, long macs, long params) {
    }

    public RanISpace {
        if (base == null || base.isBlank()) {
            throw new IllegalArgumentException("field 'base' is required (allowed: "
                    + String.join(", ", ReferenceNetworks.scalableNames()) + ")");
        }
        if (!ReferenceNetworks.scalableNames().contains(base)) {
            throw new IllegalArgumentException("field 'base' = '" + base + "' is not a scalable network (allowed: "
                    + String.join(", ", ReferenceNetworks.scalableNames()) + ")");
        }
        ImageInput.requireTarget(input, classes);
        widthMultipliers = multipliers("widthMultipliers", widthMultipliers);
        depthMultipliers = multipliers("depthMultipliers", depthMultipliers);
        if (maxMacs != null && maxMacs <= 0) {
            throw new IllegalArgumentException("field 'maxMacs' = " + maxMacs + " must be > 0");
        }
    }

    @JsonCreator
    static RanISpace fromJson(@JsonProperty("base") String base, @JsonProperty("input") ImageInput input,
                              @JsonProperty("classes") Integer classes,
                              @JsonProperty("widthMultipliers") List<Double> widthMultipliers,
                              @JsonProperty("depthMultipliers") List<Double> depthMultipliers,
                              @JsonProperty("maxMacs") Long maxMacs) {
        return new RanISpace(base, input, classes == null ? 10 : classes, widthMultipliers, depthMultipliers, maxMacs);
    }

    private static List<Double> multipliers(String field, List<Double> values) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("field '" + field + "' must list at least one multiplier");
        }
        for (Double m : values) {
            if (m == null || !(m > 0 && m <= 8)) {
                throw new IllegalArgumentException("field '" + field + "' contains " + m + ", allowed range (0, 8]");
            }
        }
        if (new HashSet<>(values).size() != values.size()) {
            throw new IllegalArgumentException("field '" + field + "' lists a value twice: " + values);
        }
        return List.copyOf(values);
    }

    @Override
    @JsonIgnore
    public List<Dimension> dimensions() {
        return List.of(new Dimension("width", widthMultipliers.stream().map(String::valueOf).toList()),
                new Dimension("depth", depthMultipliers.stream().map(String::valueOf).toList()));
    }

    @Override
    public Architecture decode(Choice choice) {
        checkGenes(choice);
        return network().build(input.toShape(), classes, widthMultipliers.get(choice.gene(0)),
                depthMultipliers.get(choice.gene(1)));
    }

    /** The unscaled base (both multipliers 1) when the lists offer it, else the first point. */
    @Override
    public Choice baseline() {
        return Choice.of(Math.max(0, widthMultipliers.indexOf(1.0)), Math.max(0, depthMultipliers.indexOf(1.0)));
    }

    @Override
    public Optional<String> violation(Choice choice) {
        if (maxMacs == null) {
            return Optional.empty();
        }
        long macs = deployedMacs(choice);
        return macs > maxMacs ? Optional.of(macs + " deployed MACs exceed field 'maxMacs' = " + maxMacs)
                : Optional.empty();
    }

    /** NN-Mass of a point, from its stage plan alone (no network is built). */
    public long nnMass(Choice choice) {
        checkGenes(choice);
        ScalableNetwork n = network();
        return ScalableNetwork.nnMass(n.scaledDepths(depthMultipliers.get(choice.gene(1))),
                n.scaledWidths(widthMultipliers.get(choice.gene(0))));
    }

    /**
     * Every point whose deployed MACs fit {@code budget} (and {@code maxMacs}), best first: most NN-Mass, then fewest MACs,
     * then the grid order — no training involved.
     */
    public List<Ranked> rank(long budget) {
        if (budget <= 0) {
            throw new IllegalArgumentException("budget = " + budget + " MACs must be > 0");
        }
        long limit = maxMacs == null ? budget : Math.min(budget, maxMacs);
        List<Ranked> out = new ArrayList<>();
        ScalableNetwork n = network();
        // the grid directly, not enumerate(): its maxMacs check would collapse every point a second time
        for (int w = 0; w < widthMultipliers.size(); w++) {
            for (int d = 0; d < depthMultipliers.size(); d++) {
                Choice c = Choice.of(w, d);
                ArchitectureCounts counts = ArchitectureCounts.of(deploy(c).architecture());
                if (counts.macs() <= limit) {
                    double wm = widthMultipliers.get(w);
                    double dm = depthMultipliers.get(d);
                    out.add(new Ranked(c, wm, dm, n.scaledDepths(dm), n.scaledWidths(wm), nnMass(c), counts.macs(),
                            counts.trainableParams()));
                }
            }
        }
        out.sort(Comparator.comparingLong(Ranked::nnMass).reversed().thenComparingLong(Ranked::macs));
        return out;
    }

    @Override
    public BigInteger size() {
        return BigInteger.valueOf((long) widthMultipliers.size() * depthMultipliers.size());
    }

    private long deployedMacs(Choice choice) {
        return ArchitectureCounts.of(deploy(choice).architecture()).macs();
    }

    private ScalableNetwork network() {
        return ReferenceNetworks.scalable(base);
    }

    private void checkGenes(Choice choice) {
        if (choice.genes().size() != 2 || choice.gene(0) >= widthMultipliers.size()
                || choice.gene(1) >= depthMultipliers.size()) {
            throw new IllegalArgumentException("choice " + choice + " is not a (width, depth) point of the " + TYPE
                    + " space with " + widthMultipliers.size() + " widths and " + depthMultipliers.size() + " depths");
        }
    }

    /** This space's kind: its config type, capabilities and what {@code hwnas spaces} says about it. */
    @AutoService(SpaceKind.class)
    public static final class Kind extends DeclaredSpaceKind {
        public Kind() {
            super(TYPE, RanISpace.class, SpaceCapability.NETWORKS);
        }

        @Override
        public SpaceHelp help() {
            Map<String, String> keys = new LinkedHashMap<>();
            keys.put("base", "scalable network (required; one of " + String.join(", ", ReferenceNetworks.scalableNames())
                    + ")");
            keys.put("input", SpaceHelp.INPUT + " (required)");
            keys.put("classes", SpaceHelp.CLASSES);
            keys.put("widthMultipliers", "width multipliers in (0, 8] (required)");
            keys.put("depthMultipliers", "depth multipliers in (0, 8] (required)");
            keys.put("maxMacs", "budget on the deployed form's MACs; points above it are inadmissible (default: none)");
            return new SpaceHelp("RAN-i: width and depth scaling of ConvNeXt under a MAC budget",
                    List.of("Dimensions: width and depth (the multipliers).", "Deployed form: layer scale folded."),
                    keys, "examples/ran-i.yaml");
        }
    }
}
