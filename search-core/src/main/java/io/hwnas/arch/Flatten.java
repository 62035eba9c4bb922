package io.hwnas.arch;

import com.fasterxml.jackson.annotation.JsonCreator;

import java.util.List;

/** C×H×W feature map → C·H·W features, channel-major (NCHW order). */
public record Flatten() implements Layer {

    @JsonCreator
    public Flatten {
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = Inputs.single(inputs);
        return Shape.flat(Math.toIntExact(in.elements()));
    }
}
