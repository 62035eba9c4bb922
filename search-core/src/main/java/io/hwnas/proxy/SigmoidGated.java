package io.hwnas.proxy;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * x·σ(βx) with a derivative that stays finite for any finite x: SiLU is β = 1. DL4J M2's own SiLU
 * derivative is NaN for large x (measured: already at x = 50 in float, at x = 800 in double; finite
 * at 100), and SynFlow's |θ|-weighted all-ones pass goes far beyond that in any net deeper than a few
 * layers. (hwnas's exact GELU, {@link io.hwnas.dl4j.GeluErf}, stays finite by itself.)
 */
final class SigmoidGated extends BaseActivationFunction {
    private static final long serialVersionUID = 1L;
    static final double SILU = 1.0;

    private final double beta;

    SigmoidGated(double beta) {
        if (!(beta > 0 && Double.isFinite(beta))) {
            throw new IllegalArgumentException("beta = " + beta + " must be finite and > 0");
        }
        this.beta = beta;
    }

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        return in.muli(Transforms.sigmoid(in.mul(beta), false));
    }

    /** d/dx = σ(βx) + βx·σ(βx)·(1 − σ(βx)); σ saturates to exactly 0 or 1, so the second term vanishes instead of becoming ∞/∞. */
    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        INDArray s = Transforms.sigmoid(in.mul(beta), false);
        INDArray grad = in.mul(beta).muli(s).muli(s.rsub(1.0)).addi(s);
        return new Pair<>(epsilon.muli(grad), null);
    }

    @Override
    public String toString() {
        return "sigmoid-gated(" + beta + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SigmoidGated other && other.beta == beta;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(beta);
    }
}
