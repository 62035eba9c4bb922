package io.hwnas.arch;

import com.fasterxml.jackson.annotation.JsonCreator;

import java.util.List;

/** Element-wise sum of two or more tensors of identical shape (residual connections). */
public record Add() implements Layer {

    @JsonCreator
    public Add {
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Inputs.atLeastTwo(inputs);
        Shape first = inputs.get(0);
        for (int i = 1; i < inputs.size(); i++) {
            Shape s = inputs.get(i);
            if (!s.equals(first)) {
                String what = s.channels() != first.channels()
                        ? "channel mismatch " + first.channels() + " vs " + s.channels()
                        : s.spatial() != first.spatial() ? "flat vs feature map" : "height/width mismatch";
                throw new IllegalArgumentException("shape mismatch at add: input 0 is " + first + ", input " + i
                        + " is " + s + " (" + what + ")");
            }
        }
        return first;
    }

    @Override
    public long elementOps(List<Shape> inputs, Shape output) {
        return output.elements() * (inputs.size() - 1);
    }
}
