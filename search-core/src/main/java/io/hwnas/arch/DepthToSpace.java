package io.hwnas.arch;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * Rearranges blocks of channels into space: C·b²×H×W → C×bH×bW, in TensorFlow's {@code depth_to_space} order
 * (the one SESR uses): output[c, h·b + i, w·b + j] = input[(i·b + j)·C + c, h, w]. PyTorch's
 * {@code PixelShuffle} uses the other order, input[c·b² + i·b + j]; a net ported from it needs its preceding
 * conv's output channels permuted. Pure data movement: no MACs, one element op per output element.
 */
public record DepthToSpace(int blockSize) implements Layer {

    public DepthToSpace {
        if (blockSize < 2) {
            throw new IllegalArgumentException("field 'blockSize' = " + blockSize + " must be >= 2");
        }
    }

    @JsonCreator
    static DepthToSpace fromJson(@JsonProperty("blockSize") Integer blockSize) {
        return new DepthToSpace(Inputs.required("blockSize", blockSize));
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = Inputs.singleSpatial(inputs);
        int area = blockSize * blockSize;
        if (in.channels() % area != 0) {
            throw new IllegalArgumentException("input channels " + in.channels() + " are not a multiple of blockSize² = "
                    + area);
        }
        return Shape.image(in.channels() / area, in.height() * blockSize, in.width() * blockSize);
    }

    @Override
    public long elementOps(List<Shape> inputs, Shape output) {
        return output.elements();
    }
}
