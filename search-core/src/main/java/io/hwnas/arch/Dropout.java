package io.hwnas.arch;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** Drops each element with probability {@code rate} during training; identity at inference. */
public record Dropout(double rate) implements Layer {

    public Dropout {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("field 'rate' = " + rate + " must be in [0, 1)");
        }
    }

    @JsonCreator
    static Dropout fromJson(@JsonProperty("rate") Double rate) {
        return new Dropout(Inputs.required("rate", rate));
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        return Inputs.single(inputs);
    }
}
