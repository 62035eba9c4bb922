package io.hwnas.dl4j;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * hard-sigmoid(x) = relu6(x + 3)/6, PyTorch's {@code nn.Hardsigmoid} and MobileNetV3's gate (Howard et al.,
 * "Searching for MobileNetV3", §5.2). DL4J 1.0.0-M2's {@code HARDSIGMOID} is min(1, max(0, 0.2·x + 0.5)), a
 * different slope (1/5 vs 1/6) and range (±2.5 vs ±3), so nets ported from PyTorch need this one.
 */
public final class HardSigmoid extends BaseActivationFunction {
    private static final long serialVersionUID = 1L;

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        INDArray out = Transforms.min(Transforms.max(in.addi(3.0), 0.0, false), 6.0, false);
        return out.divi(6.0);
    }

    /** d/dx = 1/6 on (-3, 3), 0 outside. */
    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        INDArray inside = in.gt(-3.0).castTo(in.dataType()).muli(in.lt(3.0).castTo(in.dataType()));
        return new Pair<>(epsilon.muli(inside.divi(6.0)), null);
    }

    @Override
    public String toString() {
        return "hardsigmoid";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HardSigmoid;
    }

    @Override
    public int hashCode() {
        return HardSigmoid.class.hashCode();
    }
}
