package io.hwnas.arch.zoo;

import io.hwnas.arch.ActivationType;
import io.hwnas.arch.BatchNorm;

import java.io.Serializable;

/**
 * One block position of an {@link InvertedResidualNet}, with everything a block builder needs: the
 * id its nodes hang under ({@code features.<index>}, torchvision's module name), its channels,
 * expanded width, stride, depthwise kernel, activation, squeeze-excite (null for none) and batch-norm.
 */
public record InvertedResidualBlock(String id, int index, int inChannels, int outChannels, int hiddenChannels,
                                    int stride, int kernel, ActivationType activation, SqueezeExcite squeezeExcite,
                                    BatchNorm batchNorm) implements Serializable {

    public InvertedResidualBlock {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("field 'id' is required");
        }
        if (index < 1) {
            throw new IllegalArgumentException("block '" + id + "': field 'index' = " + index + " must be >= 1 (0 is the stem)");
        }
        if (inChannels < 1 || outChannels < 1 || hiddenChannels < 1) {
            throw new IllegalArgumentException("block '" + id + "': channels " + inChannels + "→" + hiddenChannels + "→"
                    + outChannels + " must be >= 1");
        }
        if (stride < 1 || kernel < 1) {
            throw new IllegalArgumentException("block '" + id + "': stride " + stride + " and kernel " + kernel
                    + " must be >= 1");
        }
        if (activation == null || batchNorm == null) {
            throw new IllegalArgumentException("block '" + id + "': fields 'activation' and 'batchNorm' are required");
        }
    }

    /** False when the expanded width is the input's (t = 1), where torchvision and TF omit the 1×1 expansion. */
    public boolean expands() {
        return hiddenChannels != inChannels;
    }

    /** The identity skip exists only when input and output shapes agree. */
    public boolean residual() {
        return stride == 1 && inChannels == outChannels;
    }

    public boolean squeezesAndExcites() {
        return squeezeExcite != null;
    }

    /** The same block position without squeeze-excite: RAN-e's option of removing a block's SE branch. */
    public InvertedResidualBlock withoutSqueezeExcite() {
        return new InvertedResidualBlock(id, index, inChannels, outChannels, hiddenChannels, stride, kernel, activation,
                null, batchNorm);
    }

    /** The squeezed width of the block's squeeze-excite. */
    public int squeezeChannels() {
        if (squeezeExcite == null) {
            throw new IllegalStateException("block '" + id + "' has no squeeze-excite");
        }
        return squeezeExcite.squeezeChannels(inChannels, hiddenChannels);
    }
}
