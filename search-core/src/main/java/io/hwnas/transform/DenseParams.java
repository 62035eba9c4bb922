package io.hwnas.transform;

/** Fully connected parameters: weight [out, in], bias [out] (zero for a layer without bias). */
public record DenseParams(Tensor weight, Tensor bias) implements NodeParams {

    public DenseParams {
        if (weight == null || weight.rank() != 2) {
            throw new IllegalArgumentException("field 'weight' must be [out, in], got " + weight);
        }
        if (bias == null || bias.rank() != 1 || bias.dim(0) != weight.dim(0)) {
            throw new IllegalArgumentException("field 'bias' must be [" + weight.dim(0) + "], got " + bias);
        }
    }
}
