package io.hwnas.arch;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** Depthwise convolution: each input channel convolved with {@code multiplier} kernels of its own. */
public record DepthwiseConv2d(Size2 kernel, Size2 stride, Size2 padding, Size2 dilation, int multiplier, boolean bias)
        implements Layer {

    public DepthwiseConv2d {
        Inputs.positive("kernel", Inputs.required("kernel", kernel));
        Inputs.positive("stride", Inputs.required("stride", stride));
        Inputs.required("padding", padding);
        Inputs.positive("dilation", Inputs.required("dilation", dilation));
        Inputs.positive("multiplier", multiplier);
    }

    @JsonCreator
    static DepthwiseConv2d fromJson(@JsonProperty("kernel") Size2 kernel, @JsonProperty("stride") Size2 stride,
                                    @JsonProperty("padding") Size2 padding, @JsonProperty("dilation") Size2 dilation,
                                    @JsonProperty("multiplier") Integer multiplier, @JsonProperty("bias") Boolean bias) {
        return new DepthwiseConv2d(Inputs.required("kernel", kernel), Inputs.orDefault(stride, Size2.of(1)),
                Inputs.orDefault(padding, Size2.of(0)), Inputs.orDefault(dilation, Size2.of(1)),
                Inputs.orDefault(multiplier, 1), Inputs.orDefault(bias, true));
    }

    /** K×K depthwise with "same" padding, multiplier 1, no bias. */
    public static DepthwiseConv2d same(int kernel, int stride) {
        return new DepthwiseConv2d(Size2.of(kernel), Size2.of(stride), Size2.of((kernel - 1) / 2), Size2.of(1), 1, false);
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = Inputs.singleSpatial(inputs);
        int h = Inputs.windowOutput("height", in.height(), kernel.h(), stride.h(), padding.h(), dilation.h());
        int w = Inputs.windowOutput("width", in.width(), kernel.w(), stride.w(), padding.w(), dilation.w());
        return Shape.image(in.channels() * multiplier, h, w);
    }

    @Override
    public long macs(List<Shape> inputs, Shape output) {
        return kernel.area() * output.channels() * output.height() * output.width();
    }

    @Override
    public long trainableParams(List<Shape> inputs, Shape output) {
        return kernel.area() * output.channels() + (bias ? output.channels() : 0);
    }
}
