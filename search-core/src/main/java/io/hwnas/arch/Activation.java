package io.hwnas.arch;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** An element-wise activation function. */
public record Activation(ActivationType function) implements Layer {

    public Activation {
        Inputs.required("function", function);
    }

    @JsonCreator
    public static Activation of(@JsonProperty("function") ActivationType function) {
        return new Activation(function);
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        return Inputs.single(inputs);
    }

    @Override
    public long elementOps(List<Shape> inputs, Shape output) {
        return function == ActivationType.IDENTITY ? 0 : output.elements();
    }
}
