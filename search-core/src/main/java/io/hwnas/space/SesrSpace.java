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
 * linear block), the input and output blocks' kernel and the activation after each 3×3 block. A choice decodes to
 * the expanded net that trains and deploys as the collapsed net that ships, one conv per linear block, with the
 * trained weights mapped exactly.
 */
public record SesrSpace(ImageInput input, int scale, List<Integer> features, List<Integer> blocks,
                        List<Integer> expansions, List<Integer> kernels, List<String> activations)
        implements SearchSpace {

    public static final String TYPE = "sesr";
    private static final Set<Integer> KERNELS = Set.of(3, 5);
    private static final List<String> ACTIVATIONS = List.of("prelu", "relu");

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
        if (activations == null || activations.isEmpty()) {
            throw new IllegalArgumentException("field 'activations' must list at least one value");
        }
        for (String a : activations) {
            if (!ACTIVATIONS.contains(a)) {
                throw new IllegalArgumentException("field 'activations' contains " + a + "; allowed: prelu, relu");
            }
        }
        if (new HashSet<>(activations).size() != activations.size()) {
            throw new IllegalArgumentException("field 'activations' lists a value twice: " + activations);
        }
        activations = List.copyOf(activations);
    }

    @JsonCreator
    static SesrSpace fromJson(@JsonProperty("input") ImageInput input, @JsonProperty("scale") Integer scale,
                              @JsonProperty("features") List<Integer> features,
                              @JsonProperty("blocks") List<Integer> blocks,
                              @JsonProperty("expansions") List<Integer> expansions,
                              @JsonProperty("kernels") List<Integer> kernels,
                              @JsonProperty("activations") List<String> activations) {
        return new SesrSpace(input, scale == null ? 2 : scale, features, blocks, expansions,
                kernels == null ? List.of(5) : kernels, activations == null ? List.of("prelu") : activations);
    }

    @Override
    @JsonIgnore
    public List<Dimension> dimensions() {
        return List.of(new Dimension("f", strings(features)), new Dimension("m", strings(blocks)),
                new Dimension("p", strings(expansions)), new Dimension("kernel", strings(kernels)),
                new Dimension("activation", activations));
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

    /** The expanded (training) form. */
    @Override
    public Architecture decode(Choice choice) {
        return net(choice).expanded(input.toShape());
    }

    /**
     * Every linear block collapsed explicitly, then every exact rewrite that does not raise MACs: the MAC policy
     * alone would keep a block expanded whenever p is small enough that its K×K to p plus 1×1 back costs less
     * than one K×K conv, but the deployed SESR is always one conv per block (SESR's Algorithms 1–2).
     */
    @Override
    public CollapseResult deploy(Choice choice) {
        Sesr sesr = net(choice);
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
            return new SpaceHelp("SESR nets (collapsible linear blocks) for super-resolution of low-resolution Y "
                    + "images (task: super-resolution, input: low-resolution)",
                    List.of("Dimensions: f, m, p, kernel, activation.",
                            "Deployed form: each linear block collapsed into one KxK conv (training_macs is the "
                                    + "expanded form's)."),
                    keys, "examples/sesr.yaml");
        }
    }
}
