package io.hwnas.arch;

import com.fasterxml.jackson.annotation.JsonCreator;

import java.util.List;

/** Concatenation along channels (features for flat inputs). */
public record Concat() implements Layer {

    @JsonCreator
    public Concat {
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Inputs.atLeastTwo(inputs);
        Shape first = inputs.get(0);
        int channels = 0;
        for (int i = 0; i < inputs.size(); i++) {
            Shape s = inputs.get(i);
            if (s.spatial() != first.spatial() || s.height() != first.height() || s.width() != first.width()) {
                throw new IllegalArgumentException("shape mismatch at concat: input 0 is " + first + ", input " + i
                        + " is " + s + " (height/width must agree)");
            }
            channels += s.channels();
        }
        return new Shape(channels, first.height(), first.width(), first.spatial());
    }
}
