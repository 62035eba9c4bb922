package io.hwnas.arch;

import com.fasterxml.jackson.annotation.JsonCreator;

import java.util.List;

/**
 * Parametric ReLU with one learned slope per channel (per feature for flat inputs), shared over height and width:
 * y = x for x ≥ 0, a_c·x otherwise (PyTorch {@code nn.PReLU(num_parameters=C)}, initial slope 0.25). Counted as
 * an element op per output element, no MACs, C trainable parameters.
 */
public record PRelu() implements Layer {

    /** PyTorch's initial slope. */
    public static final double INITIAL_SLOPE = 0.25;

    @JsonCreator
    public PRelu {
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        return Inputs.single(inputs);
    }

    @Override
    public long trainableParams(List<Shape> inputs, Shape output) {
        return output.channels();
    }

    @Override
    public long elementOps(List<Shape> inputs, Shape output) {
        return output.elements();
    }
}
