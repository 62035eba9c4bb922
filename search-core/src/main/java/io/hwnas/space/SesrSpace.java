package io.hwnas.space;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.google.auto.service.AutoService;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.zoo.Sesr;
import io.hwnas.transform.Collapse;
import io.hwnas.transform.CollapseResult;
import io.hwnas.transform.LinearBlockCollapse;
import io.hwnas.transform.TransformResult;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SESR nets ({@link Sesr}) for super-resolution of low-resolution Y images: the net upsamples itself with
 * depth-to-space. Dimensions are SESR's f (feature channels), m (3×3 linear blocks), p (channels inside an expanded
 * linear block), the input and output blocks' kernel, the activation after each 3×3 block and how the linear
 * blocks train: expanded, or collapsed (SESR's collapsed training: each step multiplies the expanded block's two
 * convs into the one conv it runs). A choice decodes to that training net and deploys as the collapsed net that
 * ships, one conv per linear block, with the trained weights mapped exactly.
 */
public record SesrSpace(ImageInput input, int scale, List<Integer> features, List<Integer> blocks,
                        List<Integer> expansions, List<Integer> kernels, List<String> activations,
                        List<String> training)
        implements SearchSpace {

    public static final String TYPE = "sesr";
    private static final Set<Integer> KERNELS = Set.of(3, 5);
    private static final List<String> ACTIVATIONS = List.of("prelu", "relu");
    /** How a linear block trains: expanded (K×K to p, 1×1 back), or collapsed (SESR's collapsed training). */
    private static final List<String> TRAININGS = List.of("expanded", "collapsed");

    public SesrSpace {
        if (input == null || input.channels() != 1) {
            throw new IllegalArgumentException("field 'input' = " + (input == null ? "missing" : input.channels()
                    + " channels") + " must be given with 1 channel (the low-resolution Y plane)");
        }
        if (scale < 2) {
            throw new IllegalArgumentException("field 'scale' = " + scale + " must be >= 2 (the task's scale)");
        }
        features = PlainSrSpace.positiveDistinct("features", features, 1);
        blocks = PlainSrSpace.positiveDistinct("blocks", blocks, 1);
        expansions = PlainSrSpace.positiveDistinct("expansions", expansions, 1);
        kernels = PlainSrSpace.positiveDistinct("kernels", kernels, 1);
        for (int k : kernels) {
            if (!KERNELS.contains(k)) {
                throw new IllegalArgumentException("field 'kernels' contains " + k + "; allowed: 3, 5");
            }
        }
        activations = oneOf("activations", activations, ACTIVATIONS);
        training = oneOf("training", training, TRAININGS);
    }

    private static List<String> oneOf(String field, List<String> values, List<String> allowed) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("field '" + field + "' must list at least one value");
        }
        for (String v : values) {
            if (!allowed.contains(v)) {
                throw new IllegalArgumentException("field '" + field + "' contains " + v + "; allowed: "
                        + String.join(", ", allowed));
            }
        }
        if (new HashSet<>(values).size() != values.size()) {
            throw new IllegalArgumentException("field '" + field + "' lists a value twice: " + values);
        }
        return List.copyOf(values);
    }

    @JsonCreator
    static SesrSpace fromJson(@JsonProperty("input") ImageInput input, @JsonProperty("scale") Integer scale,
                              @JsonProperty("features") List<Integer> features,
                              @JsonProperty("blocks") List<Integer> blocks,
                              @JsonProperty("expansions") List<Integer> expansions,
                              @JsonProperty("kernels") List<Integer> kernels,
                              @JsonProperty("activations") List<String> activations,
                              @JsonProperty("training") List<String> training) {
        return new SesrSpace(input, scale == null ? 2 : scale, features, blocks, expansions,
                kernels == null ? List.of(5) : kernels, activations == null ? List.of("prelu") : activations,
                training == null ? List.of("expanded") : training);
    }

    @Override
    @JsonIgnore
    public List<Dimension> dimensions() {
        return List.of(new Dimension("f", strings(features)), new Dimension("m", strings(blocks)),
                new Dimension("p", strings(expansions)), new Dimension("kernel", strings(kernels)),
                new Dimension("activation", activations), new Dimension("training", training));
    }

    private static List<String> strings(List<Integer> values) {
        return values.stream().map(String::valueOf).toList();
    }

    /** The SESR net this choice describes. */
    public Sesr net(Choice choice) {
        validate(choice);
        int f = features.get(choice.gene(0));
        int m = blocks.get(choice.gene(1));
        int p = expansions.get(choice.gene(2));
        int k = kernels.get(choice.gene(3));
        String act = activations.get(choice.gene(4));
        return new Sesr("sesr-f" + f + "-m" + m + "-p" + p + "-k" + k + "-" + act + "-x" + scale, f, m, scale, p, k,
                act.equals("prelu"));
    }

    /** Whether this choice trains its linear blocks collapsed. */
    private boolean collapsedTraining(Choice choice) {
        validate(choice);
        return training.get(choice.gene(5)).equals("collapsed");
    }

    /** The training form: expanded, or for collapsed training one {@code collapsed_linear_block} per block. */
    @Override
    public Architecture decode(Choice choice) {
        Sesr sesr = net(choice);
        return collapsedTraining(choice) ? sesr.collapsedTraining(input.toShape()) : sesr.expanded(input.toShape());
    }

    /**
     * Every linear block collapsed explicitly, then every exact rewrite that does not raise MACs: the MAC policy
     * alone would keep a block expanded whenever p is small enough that its K×K to p plus 1×1 back costs less
     * than one K×K conv, but the deployed SESR is always one conv per block (SESR's Algorithms 1–2). A net trained
     * collapsed already computes one conv per block: the exact rewrites turn each into it, weights unchanged.
     */
    @Override
    public CollapseResult deploy(Choice choice) {
        Sesr sesr = net(choice);
        if (collapsedTraining(choice)) {
            return Collapse.deployment().apply(sesr.collapsedTraining(input.toShape()));
        }
        TransformResult merged = TransformResult.unchanged(sesr.expanded(input.toShape()))
                .then(new LinearBlockCollapse(), "input_block");
        for (int i = 1; i <= sesr.blocks(); i++) {
            merged = merged.then(new LinearBlockCollapse(), "linear_block." + i);
        }
        return Collapse.deployment().apply(merged.then(new LinearBlockCollapse(), "output_block"));
    }

    /** This space's kind: its config type, capabilities and what {@code hwnas spaces} says about it. */
    @AutoService(SpaceKind.class)
    public static final class Kind extends DeclaredSpaceKind {
        public Kind() {
            super(TYPE, SesrSpace.class, SpaceCapability.NETWORKS);
        }

        @Override
        public SpaceHelp help() {
            Map<String, String> keys = new LinkedHashMap<>();
            keys.put("input", "{channels: 1, height, width}: the low-resolution training patch, task.patchSize / "
                    + "scale square (required)");
            keys.put("scale", "the upscaling factor, the task's scale (default: 2)");
            keys.put("features", "f, channels between the blocks, e.g. [8, 16] (required)");
            keys.put("blocks", "m, the number of 3x3 linear blocks, e.g. [1, 3, 5] (required)");
            keys.put("expansions", "p, channels inside an expanded linear block while training, e.g. [32] (required)");
            keys.put("kernels", "kernel of the input and output blocks (default: [5]; allowed: 3, 5)");
            keys.put("activations", "after each 3x3 block (default: [prelu]; allowed: prelu, relu)");
            keys.put("training", "how linear blocks train: expanded (K×K to p, 1x1 back) or collapsed (SESR's "
                    + "collapsed training: the two convs multiplied into one each step) (default: [expanded])");
            return new SpaceHelp("SESR nets (collapsible linear blocks) for super-resolution of low-resolution Y "
                    + "images (task: super-resolution, input: low-resolution)",
                    List.of("Dimensions: f, m, p, kernel, activation, training.",
                            "Deployed form: each linear block collapsed into one KxK conv (training_macs is the "
                                    + "training form's: expanded, or the collapsed conv when trained collapsed)."),
                    keys, "examples/sesr.yaml");
        }
    }
}
