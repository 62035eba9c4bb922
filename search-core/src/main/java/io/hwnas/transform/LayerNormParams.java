package io.hwnas.transform;

/** Layer-norm scale and shift, one value per channel (layer norm keeps no running statistics). */
public record LayerNormParams(Tensor gamma, Tensor beta) implements NodeParams {

    public LayerNormParams {
        if (gamma == null || gamma.rank() != 1) {
            throw new IllegalArgumentException("field 'gamma' must be a vector, got " + gamma);
        }
        if (beta == null || beta.rank() != 1 || beta.dim(0) != gamma.dim(0)) {
            throw new IllegalArgumentException("field 'beta' must be a vector of " + gamma.dim(0) + ", got " + beta);
        }
    }

    public int channels() {
        return gamma.dim(0);
    }
}
