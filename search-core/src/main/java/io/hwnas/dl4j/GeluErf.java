package io.hwnas.dl4j;

import io.hwnas.dl4j.onednn.EltwiseActivation;
import org.bytedeco.dnnl.global.dnnl.algorithm;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The exact GELU, x·Φ(x) = x·(1 + erf(x/√2))/2 (Hendrycks and Gimpel; the form PyTorch's nn.GELU and the ConvNeXt
 * paper use). DL4J 1.0.0-M2's ActivationGELU offers only approximations (sigmoid or tanh based). hwnas's oneDNN
 * activation layer computes it as oneDNN's gelu_erf; this class is the reference implementation in ND4J ops.
 */
public final class GeluErf extends BaseActivationFunction implements EltwiseActivation {
    private static final long serialVersionUID = 1L;
    private static final double INV_SQRT2 = 1 / Math.sqrt(2);
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        INDArray cdf = cdf(in);
        return in.muli(cdf);
    }

    /** d/dx = Φ(x) + x·φ(x), φ the standard normal density. */
    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        INDArray density = Transforms.exp(in.mul(in).muli(-0.5), false).muli(INV_SQRT_2PI);
        INDArray grad = cdf(in).addi(density.muli(in));
        return new Pair<>(epsilon.muli(grad), null);
    }

    private static INDArray cdf(INDArray x) {
        INDArray scaled = x.mul(INV_SQRT2);
        Nd4j.exec(new Erf(scaled, scaled));
        return scaled.addi(1).muli(0.5);
    }

    @Override
    public String toString() {
        return "gelu_erf";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GeluErf;
    }

    @Override
    public int hashCode() {
        return GeluErf.class.hashCode();
    }

    @Override
    public algorithm oneDnnAlgorithm() {
        return algorithm.eltwise_gelu_erf;
    }
}
