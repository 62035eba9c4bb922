package io.hwnas.arch.zoo;

import io.hwnas.arch.ActivationType;

import java.io.Serializable;

/**
 * How a net's inverted-residual blocks squeeze and excite (Hu et al., "Squeeze-and-Excitation Networks",
 * 2018): global average pool of the expanded map → fc to {@link #squeezeChannels} → {@code activation} → fc
 * back → {@code gate} → channel-wise multiply. The fcs have biases; on a pooled map they are torchvision's
 * 1×1 convs with the same weights and MACs.
 */
public record SqueezeExcite(Squeeze squeeze, ActivationType activation, ActivationType gate) implements Serializable {

    /** Where the squeezed width comes from; the two published nets differ. */
    public enum Squeeze {
        /** MobileNetV3: make_divisible(expanded / 4, 8), torchvision's {@code _make_divisible}. */
        QUARTER_OF_EXPANDED_DIVISIBLE_BY_8,
        /** EfficientNet: max(1, block input / 4), torchvision's MBConv. */
        QUARTER_OF_INPUT
    }

    /** torchvision's MobileNetV3 SE: ReLU inside, hard-sigmoid gate. */
    public static final SqueezeExcite MOBILENET_V3 = new SqueezeExcite(Squeeze.QUARTER_OF_EXPANDED_DIVISIBLE_BY_8,
            ActivationType.RELU, ActivationType.HARD_SIGMOID);
    /** torchvision's EfficientNet SE: SiLU inside, sigmoid gate. */
    public static final SqueezeExcite EFFICIENTNET = new SqueezeExcite(Squeeze.QUARTER_OF_INPUT, ActivationType.SILU,
            ActivationType.SIGMOID);

    public SqueezeExcite {
        if (squeeze == null || activation == null || gate == null) {
            throw new IllegalArgumentException("fields 'squeeze', 'activation' and 'gate' are required");
        }
    }

    /** The squeezed width for a block reading {@code inChannels} and expanding to {@code expandedChannels}. */
    public int squeezeChannels(int inChannels, int expandedChannels) {
        return switch (squeeze) {
            case QUARTER_OF_EXPANDED_DIVISIBLE_BY_8 -> makeDivisible(expandedChannels / 4, 8);
            case QUARTER_OF_INPUT -> Math.max(1, inChannels / 4);
        };
    }

    /** torchvision's {@code _make_divisible}: nearest multiple of {@code divisor}, at least it, never 10% below v. */
    static int makeDivisible(int v, int divisor) {
        int rounded = Math.max(divisor, (v + divisor / 2) / divisor * divisor);
        return rounded < 0.9 * v ? rounded + divisor : rounded;
    }
}
