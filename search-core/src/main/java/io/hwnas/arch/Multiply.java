package io.hwnas.arch;

import com.fasterxml.jackson.annotation.JsonCreator;

import java.util.List;

/**
 * Element-wise product of a feature map (input 0) with either a tensor of the same shape or a per-channel gate
 * (input 1: C×1×1, or the flat [C] a global pool and dense layers give), broadcast over height and width: the
 * rescaling of squeeze-and-excitation. One element op per output element, no MACs.
 */
public record Multiply() implements Layer {

    @JsonCreator
    public Multiply {
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        if (inputs.size() != 2) {
            throw new IllegalArgumentException("field 'inputs' has " + inputs.size() + " entries, expected exactly 2 "
                    + "(a tensor, then a tensor of its shape or a per-channel gate)");
        }
        Shape x = inputs.get(0);
        Shape gate = inputs.get(1);
        if (gate.equals(x) || (x.spatial() && isChannelGate(gate) && gate.channels() == x.channels())) {
            return x;
        }
        throw new IllegalArgumentException("shape mismatch at multiply: input 0 is " + x + ", input 1 is " + gate
                + " (allowed for input 1: " + x + (x.spatial() ? ", " + x.channels() + "x1x1 or [" + x.channels() + "]"
                : "") + ")");
    }

    private static boolean isChannelGate(Shape s) {
        return s.height() == 1 && s.width() == 1;
    }

    @Override
    public long elementOps(List<Shape> inputs, Shape output) {
        return output.elements();
    }
}
