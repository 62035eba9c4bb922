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
            if (!inputs.get(i).equals(first)) {
                throw new IllegalArgumentException("shape mismatch at add: input 0 is " + first + ", input " + i
                        + " is " + inputs.get(i) + " (channel mismatch " + first.channels() + " vs "
                        + inputs.get(i).channels() + ")");
            }
        }
        return first;
    }

    @Override
    public long elementOps(List<Shape> inputs, Shape output) {
        return output.elements() * (inputs.size() - 1);
    }
}
