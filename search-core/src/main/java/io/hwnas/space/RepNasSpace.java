package io.hwnas.space;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.google.auto.service.AutoService;
import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureBuilder;
import io.hwnas.arch.Dense;
import io.hwnas.arch.DepthwiseConv2d;
import io.hwnas.arch.GlobalPool;
import io.hwnas.arch.Multiply;
import io.hwnas.arch.Node;
import io.hwnas.transform.Collapse;
import io.hwnas.transform.CollapseResult;
import io.hwnas.transform.TransformResult;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * RepNAS-style space (shared/docs/algorithms.md §6), the simple discrete variant: a RepVGG-like net
 * of conv slots, each a diverse-branch block whose branches are switched on or off independently
 * ({@code s<stage>.b<block>.<branch>}, options {@code off}/{@code on}), under a global budget on the
 * number of branches switched on. The decoded net is the training-time form; {@link #deploy} gives
 * the plain net with one conv (with bias) and the activation per slot.
 *
 * <p>Every slot needs a conv branch: an identity-only slot would deploy as a lone batch-norm, not a
 * conv. A slot's deployed kernel spans the union of its branches' windows, so a slot without a 3×3
 * extent (only 1×1s, say) deploys smaller, and cheaper, than the 3×3 of the plain baseline.
 */
public record RepNasSpace(ImageInput input, int classes, List<RepStage> stages, List<RepBranch> branches, int budget,
                          ActivationType activation) implements SearchSpace {

    public static final String TYPE = "repnas";

    private static final List<String> SWITCH = List.of("off", "on");
    private static final int OFF = 0;
    private static final int ON = 1;

    public RepNasSpace {
        ImageInput.requireTarget(input, classes);
        if (stages == null || stages.isEmpty()) {
            throw new IllegalArgumentException("field 'stages' must list at least one stage");
        }
        if (stages.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("field 'stages' = " + stages + " contains null");
        }
        stages = List.copyOf(stages);
        branches = canonical(branches);
        activation = activation == null ? ActivationType.RELU : activation;
        if (!activation.isNonLinear()) {
            throw new IllegalArgumentException("field 'activation' = " + activation.id() + " is not allowed: without a "
                    + "non-linearity the deployed slots would merge into each other (allowed: any activation but "
                    + ActivationType.IDENTITY.id() + ")");
        }
        List<RepSlot> slots = RepSlot.of(input.channels(), stages, branches);
        if (budget < slots.size()) {
            throw new IllegalArgumentException("field 'budget' = " + budget + " must be >= " + slots.size()
                    + ", the number of conv slots (each slot needs a branch)");
        }
        // every offered branch on is the largest wiring, so a net this space cannot build fails here
        network(input, classes, slots, slots.stream().map(RepSlot::branches).toList(), activation);
    }

    @JsonCreator
    static RepNasSpace fromJson(@JsonProperty("input") ImageInput input, @JsonProperty("classes") Integer classes,
                                @JsonProperty("stages") List<RepStage> stages,
                                @JsonProperty("branches") List<String> branches,
                                @JsonProperty("budget") Integer budget,
                                @JsonProperty("activation") String activation,
                                @JsonProperty("base") BaseNet base) {
        if (base != null) {
            throw base.refusal(TYPE, "'stages'",
                    n -> n.layer() instanceof DepthwiseConv2d || n.layer() instanceof Multiply, "which RepNAS's dense branch set cannot stand in for (ran-e and actnas search such nets)");
        }
        if (budget == null) {
            throw new IllegalArgumentException("field 'budget' is required: the most branches switched on across all "
                    + "conv slots (at least one per slot)");
        }
        return new RepNasSpace(input, classes == null ? 10 : classes, stages, parseBranches(branches), budget,
                parseActivation(activation));
    }

    /** Ids parsed here rather than by Jackson so that an unknown one is reported with its field. */
    private static List<RepBranch> parseBranches(List<String> ids) {
        if (ids == null) {
            return null;
        }
        List<RepBranch> out = new ArrayList<>(ids.size());
        for (String id : ids) {
            try {
                out.add(RepBranch.fromId(id));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("field 'branches' = " + ids + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static ActivationType parseActivation(String id) {
        if (id == null) {
            return null;
        }
        try {
            return ActivationType.fromId(id);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field 'activation' = '" + id + "': " + e.getMessage(), e);
        }
    }

    /** All branches by default, else the given ones in canonical order: gene layouts must not depend on spelling. */
    private static List<RepBranch> canonical(List<RepBranch> branches) {
        if (branches == null) {
            return List.of(RepBranch.values());
        }
        if (branches.isEmpty()) {
            throw new IllegalArgumentException("field 'branches' must list at least one branch (allowed: "
                    + RepBranch.allowed() + ")");
        }
        if (branches.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("field 'branches' = " + branches + " contains null (allowed: "
                    + RepBranch.allowed() + ")");
        }
        EnumSet<RepBranch> set = EnumSet.copyOf(branches);
        if (set.size() != branches.size()) {
            throw new IllegalArgumentException("field 'branches' = " + branches + " lists a branch twice");
        }
        if (set.stream().allMatch(RepBranch::isIdentity)) {
            throw new IllegalArgumentException("field 'branches' = " + branches + " needs a conv branch: every slot "
                    + "deploys as a conv (allowed: " + RepBranch.allowed() + ")");
        }
        return List.copyOf(set);
    }

    private List<RepSlot> slots() {
        return RepSlot.of(input.channels(), stages, branches);
    }

    @Override
    @JsonIgnore
    public List<Dimension> dimensions() {
        List<Dimension> dims = new ArrayList<>();
        for (RepSlot slot : slots()) {
            for (RepBranch b : slot.branches()) {
                dims.add(new Dimension(slot.dimension(b), SWITCH));
            }
        }
        return dims;
    }

    @Override
    public Optional<String> violation(Choice choice) {
        List<RepSlot> slots = slots();
        List<List<RepBranch>> on = switchedOn(slots, choice);
        int total = 0;
        for (int i = 0; i < slots.size(); i++) {
            List<RepBranch> chosen = on.get(i);
            if (chosen.isEmpty()) {
                return Optional.of("slot '" + slots.get(i).id() + "' has no branch on (every slot needs one)");
            }
            if (chosen.stream().allMatch(RepBranch::isIdentity)) {
                return Optional.of("slot '" + slots.get(i).id() + "' has only the identity branch on; it needs a conv "
                        + "branch to deploy as a conv");
            }
            total += chosen.size();
        }
        if (total > budget) {
            return Optional.of(total + " branches are on, the budget allows " + budget);
        }
        return Optional.empty();
    }

    @Override
    public Architecture decode(Choice choice) {
        validate(choice);
        List<RepSlot> slots = slots();
        return network(input, classes, slots, switchedOn(slots, choice), activation);
    }

    /**
     * Per slot, the single offered conv branch with the largest window (3×3 when offered): the
     * plain VGG-like net, which uses exactly one branch per slot.
     */
    @Override
    public Choice baseline() {
        List<Integer> genes = new ArrayList<>();
        for (RepSlot slot : slots()) {
            RepBranch widest = slot.branches().stream().filter(b -> !b.isIdentity())
                    .max(Comparator.comparingLong((RepBranch b) -> b.window().area())
                            .thenComparing(Comparator.reverseOrder()))
                    .orElseThrow();
            for (RepBranch b : slot.branches()) {
                genes.add(b == widest ? ON : OFF);
            }
        }
        return new Choice(genes);
    }

    /**
     * An admissible point drawn directly: each offered branch on with probability ½ (a random conv
     * branch added where a slot has none), then random branches switched off, never a slot's last
     * conv branch, until the budget holds. Not uniform over admissible points, but every one of them
     * can come out. The same generator state gives the same point.
     */
    @Override
    public Choice sample(RandomGenerator rng) {
        List<RepSlot> slots = slots();
        List<boolean[]> on = new ArrayList<>(slots.size());
        int total = 0;
        for (RepSlot slot : slots) {
            List<RepBranch> offered = slot.branches();
            boolean[] bits = new boolean[offered.size()];
            for (int b = 0; b < bits.length; b++) {
                bits[b] = rng.nextBoolean();
            }
            if (convsOn(offered, bits) == 0) {
                List<Integer> convs = convIndices(offered);
                bits[convs.get(rng.nextInt(convs.size()))] = true;
            }
            for (boolean bit : bits) {
                total += bit ? 1 : 0;
            }
            on.add(bits);
        }
        for (; total > budget; total--) {
            // non-empty: total > budget >= slots puts two branches in some slot, and one of them can go
            List<int[]> droppable = new ArrayList<>();
            for (int s = 0; s < slots.size(); s++) {
                List<RepBranch> offered = slots.get(s).branches();
                boolean[] bits = on.get(s);
                int convs = convsOn(offered, bits);
                for (int b = 0; b < bits.length; b++) {
                    if (bits[b] && (offered.get(b).isIdentity() || convs > 1)) {
                        droppable.add(new int[] {s, b});
                    }
                }
            }
            int[] drop = droppable.get(rng.nextInt(droppable.size()));
            on.get(drop[0])[drop[1]] = false;
        }
        List<Integer> genes = new ArrayList<>();
        for (boolean[] bits : on) {
            for (boolean bit : bits) {
                genes.add(bit ? ON : OFF);
            }
        }
        return new Choice(genes);
    }

    private static int convsOn(List<RepBranch> offered, boolean[] bits) {
        int n = 0;
        for (int b = 0; b < bits.length; b++) {
            n += bits[b] && !offered.get(b).isIdentity() ? 1 : 0;
        }
        return n;
    }

    private static List<Integer> convIndices(List<RepBranch> offered) {
        List<Integer> out = new ArrayList<>();
        for (int b = 0; b < offered.size(); b++) {
            if (!offered.get(b).isIdentity()) {
                out.add(b);
            }
        }
        return out;
    }

    /**
     * Each slot merged into one conv by targeted rewrites (see {@link RepSlot#collapse}), then every
     * remaining exact rewrite that does not raise MACs, as for any space.
     */
    @Override
    public CollapseResult deploy(Choice choice) {
        Architecture arch = decode(choice);
        List<RepSlot> slots = slots();
        List<List<RepBranch>> on = switchedOn(slots, choice);
        TransformResult merged = TransformResult.unchanged(arch);
        for (int i = 0; i < slots.size(); i++) {
            merged = slots.get(i).collapse(merged, on.get(i));
        }
        return Collapse.deployment().apply(merged);
    }

    /** The branches switched on per slot, in canonical order; the genes must be in range. */
    private static List<List<RepBranch>> switchedOn(List<RepSlot> slots, Choice choice) {
        List<List<RepBranch>> out = new ArrayList<>(slots.size());
        int g = 0;
        for (RepSlot slot : slots) {
            List<RepBranch> chosen = new ArrayList<>();
            for (RepBranch b : slot.branches()) {
                if (choice.gene(g++) == ON) {
                    chosen.add(b);
                }
            }
            out.add(chosen);
        }
        return out;
    }

    private static Architecture network(ImageInput input, int classes, List<RepSlot> slots,
                                        List<List<RepBranch>> on, ActivationType activation) {
        ArchitectureBuilder b = new ArchitectureBuilder("repnas", input.toShape());
        String last = Node.INPUT;
        for (int i = 0; i < slots.size(); i++) {
            last = slots.get(i).build(b, last, on.get(i), activation);
        }
        b.add("head.pool", GlobalPool.avg());
        b.add("classifier", Dense.of(classes));
        return b.build();
    }

    /** This space's kind: its config type, capabilities and what {@code hwnas spaces} says about it. */
    @AutoService(SpaceKind.class)
    public static final class Kind extends DeclaredSpaceKind {
        public Kind() {
            super(TYPE, RepNasSpace.class, SpaceCapability.NETWORKS);
        }

        @Override
        public SpaceHelp help() {
            Map<String, String> keys = new LinkedHashMap<>();
            keys.put("input", SpaceHelp.INPUT + " (required)");
            keys.put("classes", SpaceHelp.CLASSES);
            keys.put("stages", "stages of conv slots, each {channels, blocks, stride: 1|2} (required)");
            keys.put("branches", "branch kinds each slot may switch on (default: all of " + RepBranch.allowed() + ")");
            keys.put("budget", "most branches switched on over all slots, at least one per slot (required)");
            keys.put("activation", "the activation after every slot (default: relu; any but identity)");
            keys.put("base", "not taken: repnas builds its own net from 'stages'; a base is refused, naming the node "
                    + "(e.g. MobileNetV3's depthwise) that its dense branch set cannot stand in for");
            return new SpaceHelp("RepNAS: branch sets of re-parameterisable conv slots under a branch budget",
                    List.of("Dimensions: s<stage>.b<block>.<branch>, each off or on; points breaking the budget are "
                                    + "inadmissible.",
                            "Deployed form: each slot one KxK conv with bias (the union of its branches' windows)."),
                    keys, "examples/repnas.yaml");
        }
    }
}
