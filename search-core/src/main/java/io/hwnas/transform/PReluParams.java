package io.hwnas.transform;

/** PReLU's negative-side slopes, one per channel. */
public record PReluParams(Tensor slopes) implements NodeParams {

    public PReluParams {
        if (slopes == null || slopes.rank() != 1) {
            throw new IllegalArgumentException("field 'slopes' must be a vector, got " + slopes);
        }
    }

    public int channels() {
        return slopes.dim(0);
    }
}
