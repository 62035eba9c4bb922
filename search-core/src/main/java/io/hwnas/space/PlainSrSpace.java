package io.hwnas.space;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.google.auto.service.AutoService;
import io.hwnas.arch.Activation;
import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Add;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureBuilder;
import io.hwnas.arch.Conv2d;
import io.hwnas.arch.Node;
import io.hwnas.arch.Size2;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain same-size conv nets for super-resolution of bicubic-upscaled images (SRCNN and VDSR's shape): {@code depth}
 * K×K convs with bias, the hidden ones {@code width} channels wide with an activation, the last one a linear conv
 * to one channel, plus (by default) VDSR's global residual, the input added to the output, so the convs learn only
 * the detail bicubic upscaling misses. Input and output are the one-channel (Y) high-resolution patch.
 */
public record PlainSrSpace(ImageInput input, List<Integer> widths, List<Integer> depths, int kernel,
                           ActivationType activation, boolean residual) implements SearchSpace {

    public static final String TYPE = "sr-plain";
    private static final String NAME = "plain-sr";

    public PlainSrSpace {
        if (input == null || input.channels() != 1) {
            throw new IllegalArgumentException("field 'input' = " + (input == null ? "missing" : input.channels()
                    + " channels") + " must be given with 1 channel (the Y plane)");
        }
        widths = positiveDistinct("widths", widths, 1);
        depths = positiveDistinct("depths", depths, 2);
        if (kernel <= 0 || kernel % 2 == 0) {
            throw new IllegalArgumentException("field 'kernel' = " + kernel + " must be a positive odd size");
        }
        activation = activation == null ? ActivationType.RELU : activation;
    }

    /** {@code values} as an immutable list, checked to be non-empty, distinct and each at least {@code min}. */
    static List<Integer> positiveDistinct(String field, List<Integer> values, int min) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("field '" + field + "' must list at least one value");
        }
        for (Integer v : values) {
            if (v == null || v < min) {
                throw new IllegalArgumentException("field '" + field + "' contains " + v + "; allowed: integers >= " + min);
            }
        }
        if (new HashSet<>(values).size() != values.size()) {
            throw new IllegalArgumentException("field '" + field + "' lists a value twice: " + values);
        }
        return List.copyOf(values);
    }

    @JsonCreator
    static PlainSrSpace fromJson(@JsonProperty("input") ImageInput input, @JsonProperty("widths") List<Integer> widths,
                                 @JsonProperty("depths") List<Integer> depths, @JsonProperty("kernel") Integer kernel,
                                 @JsonProperty("activation") ActivationType activation,
                                 @JsonProperty("residual") Boolean residual) {
        return new PlainSrSpace(input, widths, depths, kernel == null ? 3 : kernel, activation,
                residual == null || residual);
    }

    @Override
    @JsonIgnore
    public List<Dimension> dimensions() {
        return List.of(new Dimension("width", widths.stream().map(String::valueOf).toList()),
                new Dimension("depth", depths.stream().map(String::valueOf).toList()));
    }

    @Override
    public Architecture decode(Choice choice) {
        validate(choice);
        int width = widths.get(choice.gene(0));
        int depth = depths.get(choice.gene(1));
        ArchitectureBuilder b = new ArchitectureBuilder(NAME + "-w" + width + "-d" + depth, input.toShape());
        for (int i = 0; i < depth - 1; i++) {
            b.add("conv" + i, conv(width));
            b.add("act" + i, new Activation(activation));
        }
        b.add("conv" + (depth - 1), conv(1));
        if (residual) {
            b.addFrom("residual", new Add(), Node.INPUT, b.last());
        }
        return b.build();
    }

    private Conv2d conv(int out) {
        return new Conv2d(out, Size2.of(kernel), Size2.of(1), Size2.of(kernel / 2), Size2.of(1), 1, true);
    }

    /** This space's kind: its config type, capabilities and what {@code hwnas spaces} says about it. */
    @AutoService(SpaceKind.class)
    public static final class Kind extends DeclaredSpaceKind {
        public Kind() {
            super(TYPE, PlainSrSpace.class, SpaceCapability.NETWORKS);
        }

        @Override
        public SpaceHelp help() {
            Map<String, String> keys = new LinkedHashMap<>();
            keys.put("input", "{channels: 1, height, width}: the high-resolution training patch, task.patchSize square "
                    + "(required)");
            keys.put("widths", "channels of the hidden convs, e.g. [16, 32] (required)");
            keys.put("depths", "convs per net, the last one to 1 channel, each >= 2, e.g. [3, 5] (required)");
            keys.put("kernel", "every conv's odd kernel size (default: 3)");
            keys.put("activation", "after every hidden conv (default: relu; allowed: " + ActivationType.allowed() + ")");
            keys.put("residual", "add the input to the output, VDSR's global residual (default: true)");
            return new SpaceHelp("plain same-size conv nets for super-resolution of bicubic-upscaled Y images "
                    + "(task: super-resolution, input: bicubic-upscaled)",
                    List.of("Dimensions: width, depth.", "Deployed form: as trained."),
                    keys, "examples/sr-tiny.yaml");
        }
    }
}
