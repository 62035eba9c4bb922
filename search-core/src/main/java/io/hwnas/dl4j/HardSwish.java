package io.hwnas.dl4j;

import io.hwnas.dl4j.onednn.EltwiseActivation;
import org.bytedeco.dnnl.global.dnnl.algorithm;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * hard-swish(x) = x·relu6(x + 3)/6 (Howard et al., "Searching for MobileNetV3", eq. 2). DL4J
 * 1.0.0-M2 has no built-in hard-swish; its hard-sigmoid has a different slope, so it cannot be
 * composed from existing activations.
 */
public final class HardSwish extends BaseActivationFunction implements EltwiseActivation {
    private static final long serialVersionUID = 1L;

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        INDArray gate = relu6Shifted(in);
        return in.muli(gate);
    }

    /** d/dx = relu6(x+3)/6 + x/6 on (-3, 3), 0 below -3, 1 above 3. */
    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        INDArray inside = in.gt(-3.0).castTo(in.dataType()).muli(in.lt(3.0).castTo(in.dataType()));
        INDArray grad = relu6Shifted(in).addi(in.mul(inside).divi(6.0));
        return new Pair<>(epsilon.muli(grad), null);
    }

    private static INDArray relu6Shifted(INDArray x) {
        INDArray shifted = x.add(3.0);
        if (shifted.dataType() == DataType.BOOL) {
            throw new IllegalArgumentException("hard-swish needs a floating point input");
        }
        return Transforms.min(Transforms.max(shifted, 0.0, false), 6.0, false).divi(6.0);
    }

    @Override
    public String toString() {
        return "hardswish";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HardSwish;
    }

    @Override
    public int hashCode() {
        return HardSwish.class.hashCode();
    }

    @Override
    public algorithm oneDnnAlgorithm() {
        return algorithm.eltwise_hardswish;
    }
}
