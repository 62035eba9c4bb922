package io.hwnas.arch;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** A 2-D convolution with symmetric zero padding, optionally grouped. */
public record Conv2d(int outChannels, Size2 kernel, Size2 stride, Size2 padding, Size2 dilation, int groups, boolean bias)
        implements Layer {

    public Conv2d {
        Inputs.positive("outChannels", outChannels);
        Inputs.positive("kernel", Inputs.required("kernel", kernel));
        Inputs.positive("stride", Inputs.required("stride", stride));
        Inputs.required("padding", padding);
        Inputs.positive("dilation", Inputs.required("dilation", dilation));
        Inputs.positive("groups", groups);
        if (outChannels % groups != 0) {
            throw new IllegalArgumentException("field 'groups' = " + groups + " must divide outChannels " + outChannels);
        }
    }

    @JsonCreator
    static Conv2d fromJson(@JsonProperty("outChannels") Integer outChannels, @JsonProperty("kernel") Size2 kernel,
                           @JsonProperty("stride") Size2 stride, @JsonProperty("padding") Size2 padding,
                           @JsonProperty("dilation") Size2 dilation, @JsonProperty("groups") Integer groups,
                           @JsonProperty("bias") Boolean bias) {
        return new Conv2d(Inputs.required("outChannels", outChannels), Inputs.required("kernel", kernel),
                Inputs.orDefault(stride, Size2.of(1)), Inputs.orDefault(padding, Size2.of(0)),
                Inputs.orDefault(dilation, Size2.of(1)), Inputs.orDefault(groups, 1), Inputs.orDefault(bias, true));
    }

    /** A square K×K conv with "same" padding (exact for odd K), no bias: the usual conv before batch-norm. */
    public static Conv2d same(int outChannels, int kernel, int stride) {
        return new Conv2d(outChannels, Size2.of(kernel), Size2.of(stride), Size2.of((kernel - 1) / 2), Size2.of(1), 1, false);
    }

    public Conv2d withGroups(int newGroups) {
        return new Conv2d(outChannels, kernel, stride, padding, dilation, newGroups, bias);
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = Inputs.singleSpatial(inputs);
        if (in.channels() % groups != 0) {
            throw new IllegalArgumentException("field 'groups' = " + groups + " must divide input channels " + in.channels());
        }
        int h = Inputs.windowOutput("height", in.height(), kernel.h(), stride.h(), padding.h(), dilation.h());
        int w = Inputs.windowOutput("width", in.width(), kernel.w(), stride.w(), padding.w(), dilation.w());
        return Shape.image(outChannels, h, w);
    }

    @Override
    public long macs(List<Shape> inputs, Shape output) {
        return kernel.area() * (inputs.get(0).channels() / groups) * outChannels * output.height() * output.width();
    }

    @Override
    public long trainableParams(List<Shape> inputs, Shape output) {
        return kernel.area() * (inputs.get(0).channels() / groups) * outChannels + (bias ? outChannels : 0);
    }
}
