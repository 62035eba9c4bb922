package io.hwnas.space;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.google.auto.service.AutoService;
import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.zoo.InvertedResidualBlock;
import io.hwnas.arch.zoo.InvertedResidualNet;
import io.hwnas.arch.zoo.MobileNets;
import io.hwnas.transform.Collapse;
import io.hwnas.transform.CollapseResult;
import io.hwnas.transform.LinearBlockCollapse;
import io.hwnas.transform.SequentialCollapse;
import io.hwnas.transform.TransformResult;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RAN-e (shared/docs/algorithms.md §4; Bhardwaj et al., "Restructurable Activation Networks", 2022):
 * per-block replacement in a MobileNetV2 / EfficientNet-Lite0 style net, or in one whose blocks
 * squeeze and excite (MobileNetV3, EfficientNet-B0), where keeping or removing a block's SE is a choice
 * too ({@code mbconv-no-se}, {@code fused-no-se}; see {@link RanEOption}). Each inverted-residual
 * block is one dimension ({@code block.<i>} for the block whose nodes hang under
 * {@code features.<i>}) and may stay an MBConv, become RAN-e's dense 3×3 collapsed block, be trained
 * as a collapsible linear block that deploys as that 3×3 block, or lose the activation after its
 * expansion so that expansion and depthwise merge (see {@link RanEOption} and {@code RanEBlocks}).
 * Blocks without an expansion (t = 1) do not offer {@code fused}, blocks without SE no {@code -no-se}
 * option, so dimensions differ in size.
 *
 * @param base a stage preset of {@link MobileNets#allPresets()}
 * @param activation every activation of the net; the base's own unless set to another, e.g. hard-swish
 *     as in RAN-e's Lite-B0-like nets (MobileNetV3's own is its ReLU/hard-swish mix, which setting
 *     {@code hard_swish}, its stem's, keeps); squeeze-excite keeps its own
 * @param options the options offered, in gene order, wherever a block admits them
 */
public record RanESpace(String base, ImageInput input, int classes, ActivationType activation,
                        List<RanEOption> options) implements SearchSpace {

    public static final String TYPE = "ran-e";

    public RanESpace {
        if (base == null || !MobileNets.allPresets().containsKey(base)) {
            throw new IllegalArgumentException("field 'base' = '" + base + "' is not a known stage preset (allowed: "
                    + String.join(", ", MobileNets.allPresets().keySet()) + ")");
        }
        ImageInput.requireTarget(input, classes);
        activation = activation == null ? MobileNets.allPresets().get(base).activation() : activation;
        options = options == null || options.isEmpty() ? List.of(RanEOption.values()) : List.copyOf(options);
        if (new HashSet<>(options).size() != options.size()) {
            throw new IllegalArgumentException("field 'options' lists an option twice: " + options);
        }
        for (InvertedResidualBlock block : net(base, activation).blocks()) {
            if (allowed(block, options).isEmpty()) {
                throw new IllegalArgumentException("field 'options' = " + options + " leaves block '" + block.id()
                        + "' without an option (it offers no fused at expansion 1, no -no-se without squeeze-excite); "
                        + "add mbconv, regular or linear");
            }
        }
        // decode the base net once so that an input too small for its strides fails now, naming the node
        net(base, activation).build(input.toShape(), classes);
    }

    @JsonCreator
    static RanESpace fromJson(@JsonProperty("base") String base, @JsonProperty("input") ImageInput input,
                              @JsonProperty("classes") Integer classes, @JsonProperty("activation") String activation,
                              @JsonProperty("options") List<String> options) {
        List<RanEOption> parsed = options == null ? null
                : options.stream().map(o -> RanEOption.fromId("options", o)).toList();
        ActivationType act;
        try {
            act = activation == null ? null : ActivationType.fromId(activation);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field 'activation': " + e.getMessage(), e);
        }
        return new RanESpace(base, input, classes == null ? 10 : classes, act, parsed);
    }

    @Override
    @JsonIgnore
    public List<Dimension> dimensions() {
        List<Dimension> dims = new ArrayList<>();
        for (InvertedResidualBlock block : net(base, activation).blocks()) {
            dims.add(new Dimension("block." + block.index(), allowed(block, options).stream().map(RanEOption::id).toList()));
        }
        return dims;
    }

    @Override
    public Architecture decode(Choice choice) {
        List<RanEOption> chosen = chosen(choice);
        return net(base, activation).build("ran-e-" + base, input.toShape(), classes,
                (b, in, block) -> RanEBlocks.add(b, in, block, chosen.get(block.index() - 1)));
    }

    /** The base net itself: {@code mbconv} at every block that offers it, else the block's first option. */
    @Override
    public Choice baseline() {
        List<Integer> genes = new ArrayList<>();
        for (Dimension d : dimensions()) {
            genes.add(Math.max(0, d.options().indexOf(RanEOption.MBCONV.id())));
        }
        return new Choice(genes);
    }

    /**
     * Merges what the choice asks for, then every exact rewrite that does not raise MACs. The
     * {@code fused} merge is applied explicitly because it raises MACs (k²·C·tC instead of
     * C·tC + k²·tC) and the MAC policy of {@link Collapse#deployment()} would veto it; a blanket
     * permissive policy is no substitute, since it would also merge every linear bottleneck
     * projection into the next expansion. {@code linear} blocks are collapsed explicitly too, so
     * that they deploy as one conv even where P &lt; C_out would make the merge raise MACs.
     */
    @Override
    public CollapseResult deploy(Choice choice) {
        List<RanEOption> chosen = chosen(choice);
        TransformResult merged = TransformResult.unchanged(decode(choice));
        for (InvertedResidualBlock block : net(base, activation).blocks()) {
            RanEOption option = chosen.get(block.index() - 1);
            if (option.fuses()) {
                merged = merged.then(new SequentialCollapse(), block.id() + ".dw");
            } else if (option == RanEOption.LINEAR) {
                merged = merged.then(new LinearBlockCollapse(), block.id() + ".conv");
            }
        }
        return Collapse.deployment().apply(merged);
    }

    /** The option of every block, in block order. */
    private List<RanEOption> chosen(Choice choice) {
        validate(choice);
        List<RanEOption> out = new ArrayList<>();
        List<InvertedResidualBlock> blocks = net(base, activation).blocks();
        for (int i = 0; i < blocks.size(); i++) {
            out.add(allowed(blocks.get(i), options).get(choice.gene(i)));
        }
        return out;
    }

    /** The base net, untouched when {@code activation} is its own so that MobileNetV3 keeps its per-block mix. */
    private static InvertedResidualNet net(String base, ActivationType activation) {
        InvertedResidualNet preset = MobileNets.allPresets().get(base);
        return activation == preset.activation() ? preset : preset.withActivation(activation);
    }

    private static List<RanEOption> allowed(InvertedResidualBlock block, List<RanEOption> options) {
        return options.stream().filter(o -> (!o.fuses() || block.expands())
                && (!o.removesSqueezeExcite() || block.squeezesAndExcites())).toList();
    }

    /** This space's kind: its config type, capabilities and what {@code hwnas spaces} says about it. */
    @AutoService(SpaceKind.class)
    public static final class Kind extends DeclaredSpaceKind {
        public Kind() {
            super(TYPE, RanESpace.class, SpaceCapability.NETWORKS);
        }

        @Override
        public SpaceHelp help() {
            Map<String, String> keys = new LinkedHashMap<>();
            keys.put("base", "stage preset (required; one of " + String.join(", ", MobileNets.allPresets().keySet())
                    + ")");
            keys.put("input", SpaceHelp.INPUT + " (required)");
            keys.put("classes", SpaceHelp.CLASSES);
            keys.put("activation", "every activation of the net (default: the preset's own, MobileNetV3's "
                    + "ReLU/hard-swish mix included; allowed: " + ActivationType.allowed() + ")");
            keys.put("options", "block alternatives offered, in gene order (default: all of " + RanEOption.allowed()
                    + ")");
            return new SpaceHelp("RAN-e: per inverted-residual block, MBConv or a restructured alternative",
                    List.of("Dimensions: block.<i>, one per inverted-residual block: mbconv (kept), regular (BN, act, "
                                    + "3x3), linear (3x3 to t*C then 1x1, no activation), fused (expansion's activation "
                                    + "and BN removed); blocks without an expansion offer no 'fused'.",
                            "Bases with squeeze-excite (mobilenet_v3_*, efficientnet_b0*): mbconv and fused keep a "
                                    + "block's SE, mbconv-no-se and fused-no-se remove it; regular and linear carry "
                                    + "none.",
                            "Deployed form: 'linear' collapses to one 3x3 conv, 'fused' to a dense KxK conv "
                                    + "(Fused-MBConv)."),
                    keys, "examples/ran-e.yaml");
        }
    }
}
