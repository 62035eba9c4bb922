package io.hwnas.arch.zoo;

import io.hwnas.arch.ActivationType;

import java.io.Serializable;

/**
 * One row of an inverted-residual stage table, as MobileNetV2 (Table 2) and EfficientNet (Table 1)
 * print them: {@code repeats} blocks with expansion {@code t} and {@code channels} outputs, the first
 * with {@code stride}, the rest with stride 1, each with a {@code kernel}×{@code kernel} depthwise.
 * MobileNetV3's table (Howard et al. 2019, Tables 1–2) gives the expanded width itself, not a ratio,
 * and per row whether the block squeezes and excites and which activation it uses.
 *
 * @param expansion         the ratio t, when {@code expandedChannels} is 0; else 0
 * @param expandedChannels  the expanded width itself (MobileNetV3), or 0 for input × {@code expansion}
 * @param squeezeExcite     whether the blocks squeeze and excite, in the net's {@link SqueezeExcite} style
 * @param activation        the blocks' activation, or null for the net's
 */
public record InvertedResidualStage(int expansion, int channels, int repeats, int stride, int kernel,
                                    int expandedChannels, boolean squeezeExcite, ActivationType activation)
        implements Serializable {

    public InvertedResidualStage {
        if (expandedChannels < 0 || (expandedChannels > 0 && expansion != 0)) {
            throw new IllegalArgumentException("field 'expandedChannels' = " + expandedChannels
                    + " must be 0 (expansion ratio given) or >= 1 with 'expansion' 0");
        }
        if (expandedChannels == 0 && expansion < 1) {
            throw new IllegalArgumentException("field 'expansion' = " + expansion + " must be >= 1");
        }
        if (channels < 1) {
            throw new IllegalArgumentException("field 'channels' = " + channels + " must be >= 1");
        }
        if (repeats < 1) {
            throw new IllegalArgumentException("field 'repeats' = " + repeats + " must be >= 1");
        }
        if (stride < 1) {
            throw new IllegalArgumentException("field 'stride' = " + stride + " must be >= 1");
        }
        if (kernel < 1 || kernel % 2 == 0) {
            throw new IllegalArgumentException("field 'kernel' = " + kernel + " must be a positive odd number");
        }
    }

    /** A MobileNetV2/EfficientNet row: expansion ratio, no squeeze-excite, the net's activation. */
    public InvertedResidualStage(int expansion, int channels, int repeats, int stride, int kernel) {
        this(expansion, channels, repeats, stride, kernel, 0, false, null);
    }

    /** One MobileNetV3 row in torchvision's {@code bneck_conf} order (input channels come from the row above). */
    public static InvertedResidualStage bneck(int kernel, int expandedChannels, int channels, boolean squeezeExcite,
                                              ActivationType activation, int stride) {
        return new InvertedResidualStage(0, channels, 1, stride, kernel, expandedChannels, squeezeExcite, activation);
    }

    /** The same row with squeeze-excite on (EfficientNet-B0 is Lite0's table with it). */
    public InvertedResidualStage withSqueezeExcite() {
        return new InvertedResidualStage(expansion, channels, repeats, stride, kernel, expandedChannels, true,
                activation);
    }

    /** The same row with the net's activation. */
    InvertedResidualStage withNetActivation() {
        return new InvertedResidualStage(expansion, channels, repeats, stride, kernel, expandedChannels, squeezeExcite,
                null);
    }

    /** The expanded width of a block reading {@code inChannels}. */
    public int expandedChannels(int inChannels) {
        return expandedChannels > 0 ? expandedChannels : inChannels * expansion;
    }
}
