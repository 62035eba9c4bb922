package io.hwnas.arch;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** Batch normalisation per channel (per feature for flat inputs). */
public record BatchNorm(double eps, double momentum) implements Layer {

    public static final double DEFAULT_EPS = 1e-5;
    public static final double DEFAULT_MOMENTUM = 0.9;

    public BatchNorm {
        if (!(eps > 0)) {
            throw new IllegalArgumentException("field 'eps' = " + eps + " must be > 0");
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("field 'momentum' = " + momentum + " must be in [0, 1)");
        }
    }

    @JsonCreator
    static BatchNorm fromJson(@JsonProperty("eps") Double eps, @JsonProperty("momentum") Double momentum) {
        return new BatchNorm(Inputs.orDefault(eps, DEFAULT_EPS), Inputs.orDefault(momentum, DEFAULT_MOMENTUM));
    }

    public static BatchNorm standard() {
        return new BatchNorm(DEFAULT_EPS, DEFAULT_MOMENTUM);
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        return Inputs.single(inputs);
    }

    @Override
    public long trainableParams(List<Shape> inputs, Shape output) {
        return 2L * output.channels();
    }

    @Override
    public long stateParams(List<Shape> inputs, Shape output) {
        return 2L * output.channels();
    }

    @Override
    public long elementOps(List<Shape> inputs, Shape output) {
        return output.elements();
    }
}
