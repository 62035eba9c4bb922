package io.hwnas.hw.lut;

import io.hwnas.arch.Activation;
import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Add;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.BatchNorm;
import io.hwnas.arch.Concat;
import io.hwnas.arch.Conv2d;
import io.hwnas.arch.Dense;
import io.hwnas.arch.DepthToSpace;
import io.hwnas.arch.DepthwiseConv2d;
import io.hwnas.arch.Dropout;
import io.hwnas.arch.Flatten;
import io.hwnas.arch.GlobalPool;
import io.hwnas.arch.Layer;
import io.hwnas.arch.LayerNorm;
import io.hwnas.arch.Multiply;
import io.hwnas.arch.Node;
import io.hwnas.arch.PRelu;
import io.hwnas.arch.Pool2d;
import io.hwnas.arch.Shape;
import io.hwnas.arch.Size2;
import io.hwnas.arch.Upsample;

import java.util.List;
import java.util.Locale;

/**
 * What a latency table is looked up by: an op key (op type and the hyper-parameters that change the kernel
 * DL4J runs, e.g. {@code conv2d k3x3 s2x2 d1x1 g1}) and the shape features interpolated over (input channels,
 * output channels, input height and width), plus the work (MACs, else element ops, else output elements)
 * that latency is scaled by between table points.
 */
public record OpSignature(String key, int inChannels, int outChannels, int height, int width, long work) {

    /** Ops that cost nothing at inference and need no table entry. */
    public static boolean isFree(Layer layer, Shape input) {
        return layer instanceof Dropout || (layer instanceof Flatten && !input.spatial())
                || (layer instanceof Activation a && a.function() == ActivationType.IDENTITY);
    }

    public static OpSignature of(Architecture arch, Node node) {
        Layer layer = node.layer().inference();
        List<Shape> inputs = arch.inputShapes(node);
        Shape in = inputs.get(0);
        Shape out = arch.shape(node.id());
        long work = layer.macs(inputs, out);
        if (work == 0) {
            work = layer.elementOps(inputs, out);
        }
        if (work == 0) {
            work = out.elements();
        }
        return new OpSignature(key(layer, inputs), in.channels(), out.channels(), in.height(), in.width(),
                Math.max(1, work));
    }

    static String key(Layer layer, List<Shape> inputs) {
        Shape in = inputs.get(0);
        int inputCount = inputs.size();
        if (layer instanceof Conv2d c) {
            String groups = c.groups() == 1 ? "g1" : c.groups() == in.channels() ? "gdw" : "g" + c.groups();
            return "conv2d k" + size(c.kernel()) + " s" + size(c.stride()) + " d" + size(c.dilation()) + " " + groups;
        }
        if (layer instanceof DepthwiseConv2d d) {
            return "depthwise_conv2d k" + size(d.kernel()) + " s" + size(d.stride()) + " d" + size(d.dilation())
                    + " m" + d.multiplier();
        }
        if (layer instanceof Pool2d p) {
            return "pool2d " + p.kind().name().toLowerCase(Locale.ROOT) + " k" + size(p.kernel()) + " s" + size(p.stride());
        }
        if (layer instanceof GlobalPool g) {
            return "global_pool " + g.kind().name().toLowerCase(Locale.ROOT);
        }
        if (layer instanceof Activation a) {
            return "activation " + a.function().id();
        }
        if (layer instanceof Add || layer instanceof Concat) {
            return (layer instanceof Add ? "add" : "concat") + " x" + inputCount;
        }
        if (layer instanceof LayerNorm) {
            return "layer_norm";
        }
        if (layer instanceof PRelu) {
            return "prelu";
        }
        if (layer instanceof Multiply) {
            return inputs.get(1).equals(in) ? "multiply x2" : "multiply gate";
        }
        if (layer instanceof DepthToSpace d) {
            return "depth_to_space b" + d.blockSize();
        }
        if (layer instanceof Upsample u) {
            return "upsample " + u.mode().id() + " s" + u.scale();
        }
        if (layer instanceof Dense || layer instanceof BatchNorm || layer instanceof Flatten) {
            return layer instanceof Dense ? "dense" : layer instanceof BatchNorm ? "batch_norm" : "flatten";
        }
        throw new IllegalArgumentException("no latency-table key for op " + layer.getClass().getSimpleName());
    }

    private static String size(Size2 s) {
        return s.h() + "x" + s.w();
    }
}
