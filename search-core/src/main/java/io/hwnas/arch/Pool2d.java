package io.hwnas.arch;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** Max or average pooling over a window. Average pooling divides by the full window (padding included). */
public record Pool2d(PoolKind kind, Size2 kernel, Size2 stride, Size2 padding) implements Layer {

    public Pool2d {
        Inputs.required("kind", kind);
        Inputs.positive("kernel", Inputs.required("kernel", kernel));
        Inputs.positive("stride", Inputs.required("stride", stride));
        Inputs.required("padding", padding);
        if (padding.h() * 2 > kernel.h() || padding.w() * 2 > kernel.w()) {
            throw new IllegalArgumentException("field 'padding' = " + padding + " must be at most half the kernel " + kernel);
        }
    }

    @JsonCreator
    static Pool2d fromJson(@JsonProperty("kind") PoolKind kind, @JsonProperty("kernel") Size2 kernel,
                           @JsonProperty("stride") Size2 stride, @JsonProperty("padding") Size2 padding) {
        Size2 k = Inputs.required("kernel", kernel);
        return new Pool2d(Inputs.required("kind", kind), k, Inputs.orDefault(stride, k), Inputs.orDefault(padding, Size2.of(0)));
    }

    public static Pool2d max(int kernel, int stride, int padding) {
        return new Pool2d(PoolKind.MAX, Size2.of(kernel), Size2.of(stride), Size2.of(padding));
    }

    public static Pool2d avg(int kernel, int stride, int padding) {
        return new Pool2d(PoolKind.AVG, Size2.of(kernel), Size2.of(stride), Size2.of(padding));
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = Inputs.singleSpatial(inputs);
        int h = Inputs.windowOutput("height", in.height(), kernel.h(), stride.h(), padding.h(), 1);
        int w = Inputs.windowOutput("width", in.width(), kernel.w(), stride.w(), padding.w(), 1);
        return Shape.image(in.channels(), h, w);
    }

    @Override
    public long elementOps(List<Shape> inputs, Shape output) {
        return output.elements() * kernel.area();
    }
}
