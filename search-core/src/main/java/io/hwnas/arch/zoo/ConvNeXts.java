package io.hwnas.arch.zoo;

import io.hwnas.arch.Activation;
import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Add;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureBuilder;
import io.hwnas.arch.Conv2d;
import io.hwnas.arch.Dense;
import io.hwnas.arch.DepthwiseConv2d;
import io.hwnas.arch.GlobalPool;
import io.hwnas.arch.LayerNorm;
import io.hwnas.arch.Shape;
import io.hwnas.arch.Size2;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * ConvNeXt (Liu et al., "A ConvNet for the 2020s", 2022) as torchvision builds it, parametric in
 * stage depths and widths so RAN-i can scale it (shared/docs/algorithms.md §3).
 *
 * <p>Block: 7×7 depthwise (bias) → LayerNorm → 1×1 d→4d → GELU → 1×1 4d→d → layer scale → add. The
 * reference implementation's Linear layers on channels-last tensors are 1×1 convs here (same
 * arithmetic). Layer scale, a learned per-channel multiply, is a bias-free depthwise 1×1 conv: the
 * same d parameters and function, at the price of counting its d·H·W multiplies as MACs (+0.05% on
 * ConvNeXt-T, inside the 1% the counts are checked to).
 */
public final class ConvNeXts {

    /** ConvNeXt-T: depths 3, 3, 9, 3 at widths 96, 192, 384, 768; 4×4/4 patchify stem. */
    public static final Config TINY = new Config(List.of(3, 3, 9, 3), List.of(96, 192, 384, 768), 4);
    /**
     * For 28×28 Fashion-MNIST: a 2×2/2 stem and four narrow stages (14, 7, 3 and 1 pixels wide),
     * about 4 M MACs, so it trains in minutes on a CPU.
     */
    public static final Config MINI = new Config(List.of(2, 2, 4, 2), List.of(16, 32, 64, 128), 2);

    private static final int EXPANSION = 4;
    private static final int KERNEL = 7;

    private ConvNeXts() {
    }

    /** ConvNeXt at {@code config}'s stem as a family RAN-i scales in depth and width. */
    public static ScalableNetwork scalable(String name, Config config) {
        return new ScalableNetwork(name, config.depths(), config.widths(),
                (n, input, classes, depths, widths) -> convNeXt(n, input, classes, new Config(depths, widths, config.stem())));
    }

    static void register(Map<String, BiFunction<Shape, Integer, Architecture>> registry) {
        registry.put("convnext_t", (input, classes) -> convNeXt("convnext_t", input, classes, TINY));
        registry.put("convnext_t_mini", (input, classes) -> convNeXt("convnext_t_mini", input, classes, MINI));
    }

    public static Architecture convNeXtTiny() {
        return convNeXt("convnext_t", ReferenceNetworks.IMAGENET_INPUT, ReferenceNetworks.IMAGENET_CLASSES, TINY);
    }

    /**
     * A ConvNeXt's shape: blocks and channels per stage, and the patchify stem's kernel (= stride).
     * Between stages a LayerNorm and a 2×2/2 conv halve the resolution.
     */
    public record Config(List<Integer> depths, List<Integer> widths, int stem) implements Serializable {

        public Config {
            depths = List.copyOf(depths);
            widths = List.copyOf(widths);
            if (depths.isEmpty() || depths.size() != widths.size()) {
                throw new IllegalArgumentException("fields 'depths' " + depths + " and 'widths' " + widths
                        + " must be non-empty and of equal length");
            }
            for (int i = 0; i < depths.size(); i++) {
                if (depths.get(i) < 1 || widths.get(i) < 1) {
                    throw new IllegalArgumentException("stage " + i + ": depth " + depths.get(i) + " and width "
                            + widths.get(i) + " must be >= 1");
                }
            }
            if (stem < 1) {
                throw new IllegalArgumentException("field 'stem' = " + stem + " must be >= 1");
            }
        }

    }

    public static Architecture convNeXt(String name, Shape input, int numClasses, Config config) {
        ArchitectureBuilder b = new ArchitectureBuilder(name, input);
        b.addFrom("stem.conv", new Conv2d(config.widths().get(0), Size2.of(config.stem()), Size2.of(config.stem()),
                Size2.of(0), Size2.of(1), 1, true), "input");
        String x = b.add("stem.norm", LayerNorm.standard()).last();
        for (int s = 0; s < config.depths().size(); s++) {
            int width = config.widths().get(s);
            if (s > 0) {
                b.add("stages." + s + ".downsample.norm", LayerNorm.standard());
                x = b.add("stages." + s + ".downsample.conv", new Conv2d(width, Size2.of(2), Size2.of(2), Size2.of(0),
                        Size2.of(1), 1, true)).last();
            }
            for (int i = 0; i < config.depths().get(s); i++) {
                x = block(b, x, "stages." + s + "." + i, width);
            }
        }
        b.add("avgpool", GlobalPool.avg());
        b.add("head.norm", LayerNorm.standard());
        return b.add("fc", Dense.of(numClasses)).build();
    }

    private static String block(ArchitectureBuilder b, String in, String id, int width) {
        b.addFrom(id + ".dwconv", new DepthwiseConv2d(Size2.of(KERNEL), Size2.of(1), Size2.of(KERNEL / 2), Size2.of(1),
                1, true), in);
        b.add(id + ".norm", LayerNorm.standard());
        b.add(id + ".pwconv1", new Conv2d(EXPANSION * width, Size2.of(1), Size2.of(1), Size2.of(0), Size2.of(1), 1, true));
        b.add(id + ".gelu", new Activation(ActivationType.GELU));
        b.add(id + ".pwconv2", new Conv2d(width, Size2.of(1), Size2.of(1), Size2.of(0), Size2.of(1), 1, true));
        b.add(id + ".layer_scale", new DepthwiseConv2d(Size2.of(1), Size2.of(1), Size2.of(0), Size2.of(1), 1, false));
        return b.addFrom(id + ".add", new Add(), id + ".layer_scale", in).last();
    }
}
