package io.hwnas.arch;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** Global max/average pooling: a C×H×W map becomes C features. */
public record GlobalPool(PoolKind kind) implements Layer {

    public GlobalPool {
        Inputs.required("kind", kind);
    }

    @JsonCreator
    static GlobalPool fromJson(@JsonProperty("kind") PoolKind kind) {
        return new GlobalPool(Inputs.orDefault(kind, PoolKind.AVG));
    }

    public static GlobalPool avg() {
        return new GlobalPool(PoolKind.AVG);
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        return Shape.flat(Inputs.singleSpatial(inputs).channels());
    }

    @Override
    public long elementOps(List<Shape> inputs, Shape output) {
        return inputs.get(0).elements();
    }
}
