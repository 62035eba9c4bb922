package io.hwnas.transform;

/**
 * Convolution parameters in PyTorch layout: weight [out, in/groups, kh, kw], bias [out]. Output
 * channel o belongs to group o / (out/groups); a depthwise conv with multiplier m is the case
 * groups = in, so its output channel c·m + j reads input channel c. A layer without bias has a zero
 * bias here.
 */
public record ConvParams(Tensor weight, Tensor bias) implements NodeParams {

    public ConvParams {
        if (weight == null || weight.rank() != 4) {
            throw new IllegalArgumentException("field 'weight' must be [out, in/groups, kh, kw], got " + weight);
        }
        if (bias == null || bias.rank() != 1 || bias.dim(0) != weight.dim(0)) {
            throw new IllegalArgumentException("field 'bias' must be [" + weight.dim(0) + "], got " + bias);
        }
    }

    public int outChannels() {
        return weight.dim(0);
    }

    public int inPerGroup() {
        return weight.dim(1);
    }
}
