package io.hwnas.arch.zoo;

import java.io.Serializable;

/**
 * One row of an inverted-residual stage table, as MobileNetV2 (Table 2) and EfficientNet (Table 1)
 * print them: {@code repeats} blocks with expansion {@code t} and {@code channels} outputs, the first
 * with {@code stride}, the rest with stride 1, each with a {@code kernel}×{@code kernel} depthwise.
 */
public record InvertedResidualStage(int expansion, int channels, int repeats, int stride, int kernel)
        implements Serializable {

    public InvertedResidualStage {
        if (expansion < 1) {
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
}
