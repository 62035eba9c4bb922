package io.hwnas.arch;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** Fully connected layer; a feature-map input is flattened (C·H·W features). */
public record Dense(int units, boolean bias) implements Layer {

    public Dense {
        Inputs.positive("units", units);
    }

    @JsonCreator
    static Dense fromJson(@JsonProperty("units") Integer units, @JsonProperty("bias") Boolean bias) {
        return new Dense(Inputs.required("units", units), Inputs.orDefault(bias, true));
    }

    public static Dense of(int units) {
        return new Dense(units, true);
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Inputs.single(inputs);
        return Shape.flat(units);
    }

    @Override
    public long macs(List<Shape> inputs, Shape output) {
        return inputs.get(0).elements() * units;
    }

    @Override
    public long trainableParams(List<Shape> inputs, Shape output) {
        return inputs.get(0).elements() * units + (bias ? units : 0);
    }
}
