package io.hwnas.arch.zoo;

import io.hwnas.arch.ActivationType;

import java.io.Serializable;

/**
 * One block position of an {@link InvertedResidualNet}, with everything a block builder needs: the
 * id its nodes hang under ({@code features.<index>}, torchvision's module name), its channels,
 * expansion, stride, depthwise kernel and the net's activation.
 */
public record InvertedResidualBlock(String id, int index, int inChannels, int outChannels, int expansion, int stride,
                                    int kernel, ActivationType activation) implements Serializable {

    public InvertedResidualBlock {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("field 'id' is required");
        }
        if (index < 1) {
            throw new IllegalArgumentException("block '" + id + "': field 'index' = " + index + " must be >= 1 (0 is the stem)");
        }
        if (inChannels < 1 || outChannels < 1) {
            throw new IllegalArgumentException("block '" + id + "': channels " + inChannels + "→" + outChannels
                    + " must be >= 1");
        }
        if (expansion < 1 || stride < 1 || kernel < 1) {
            throw new IllegalArgumentException("block '" + id + "': expansion " + expansion + ", stride " + stride
                    + " and kernel " + kernel + " must be >= 1");
        }
        if (activation == null) {
            throw new IllegalArgumentException("block '" + id + "': field 'activation' is required");
        }
    }

    /** False at t = 1, where torchvision and TF omit the 1×1 expansion. */
    public boolean expands() {
        return expansion != 1;
    }

    /** Channels between expansion and projection. */
    public int hiddenChannels() {
        return inChannels * expansion;
    }

    /** The identity skip exists only when input and output shapes agree. */
    public boolean residual() {
        return stride == 1 && inChannels == outChannels;
    }
}
