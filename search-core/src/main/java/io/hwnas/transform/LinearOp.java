package io.hwnas.transform;

import io.hwnas.arch.Architecture;
import io.hwnas.arch.Conv2d;
import io.hwnas.arch.DepthwiseConv2d;
import io.hwnas.arch.Layer;
import io.hwnas.arch.Node;
import io.hwnas.arch.Pool2d;
import io.hwnas.arch.PoolKind;
import io.hwnas.arch.Size2;

import java.io.Serializable;
import java.util.Optional;

/**
 * A node seen as a zero-padded linear convolution: conv2d, depthwise conv, average pooling (which
 * the graph builder divides by the full window, padding included, so it is the conv with 1/K² on
 * the channel diagonal), or the identity. Lets every rewrite handle all four with one set of rules.
 *
 * @param id the node id, or {@code null} for the identity
 * @param groups block structure of the channel mixing: 1 dense, {@code in} for per-channel ops
 */
record LinearOp(String id, Kind kind, int in, int out, Size2 kernel, Size2 stride, Size2 padding, Size2 dilation,
                int groups, boolean bias) implements Serializable {

    enum Kind {
        CONV, DEPTHWISE, AVG_POOL, IDENTITY
    }

    static Optional<LinearOp> of(Architecture arch, Node node) {
        Layer layer = node.layer();
        int in = arch.inputShapes(node).get(0).channels();
        int out = arch.shape(node.id()).channels();
        if (layer instanceof Conv2d c) {
            return Optional.of(new LinearOp(node.id(), Kind.CONV, in, out, c.kernel(), c.stride(), c.padding(),
                    c.dilation(), c.groups(), c.bias()));
        }
        if (layer instanceof DepthwiseConv2d d) {
            return Optional.of(new LinearOp(node.id(), Kind.DEPTHWISE, in, out, d.kernel(), d.stride(), d.padding(),
                    d.dilation(), in, d.bias()));
        }
        if (layer instanceof Pool2d p && p.kind() == PoolKind.AVG) {
            return Optional.of(new LinearOp(node.id(), Kind.AVG_POOL, in, out, p.kernel(), p.stride(), p.padding(),
                    Size2.of(1), in, false));
        }
        return Optional.empty();
    }

    static boolean isLinear(Node node) {
        Layer l = node.layer();
        return l instanceof Conv2d || l instanceof DepthwiseConv2d || (l instanceof Pool2d p && p.kind() == PoolKind.AVG);
    }

    static LinearOp identity(int channels) {
        return new LinearOp(null, Kind.IDENTITY, channels, channels, Size2.of(1), Size2.of(1), Size2.of(0), Size2.of(1),
                channels, false);
    }

    static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    boolean pointwise() {
        return kernel.h() == 1 && kernel.w() == 1;
    }

    /** Channel-wise ops can be re-expressed as a depthwise layer after a rewrite. */
    boolean channelWise() {
        return kind != Kind.CONV;
    }

    Kernel kernel(Parameters params) {
        return switch (kind) {
            case CONV, DEPTHWISE -> Kernel.of(params.conv(id), in, groups);
            case AVG_POOL -> Kernel.diagonal(in, kernel.h(), kernel.w(), 1.0 / kernel.area());
            case IDENTITY -> Kernel.diagonal(in, 1, 1, 1.0);
        };
    }

    /** For messages: {@code conv2d 'b.conv' (3x3, stride 1, padding 1)}. */
    String describe() {
        String what = switch (kind) {
            case CONV -> "conv2d";
            case DEPTHWISE -> "depthwise_conv2d";
            case AVG_POOL -> "avg pool2d";
            case IDENTITY -> "identity";
        };
        return kind == Kind.IDENTITY ? "the identity" : what + " '" + id + "' (" + kernel.h() + "x" + kernel.w()
                + ", stride " + stride + ", padding " + padding + ")";
    }

    /**
     * The layer computing a rewritten conv: a depthwise layer when every merged op was channel-wise
     * and the result still is (so a depthwise net stays depthwise), a conv2d with the given groups
     * otherwise.
     */
    static Layer layer(int in, int out, Size2 kernel, Size2 stride, Size2 padding, Size2 dilation, int groups,
                       boolean bias, boolean allChannelWise) {
        if (allChannelWise && groups == in && out % in == 0) {
            return new DepthwiseConv2d(kernel, stride, padding, dilation, out / in, bias);
        }
        return new Conv2d(out, kernel, stride, padding, dilation, groups, bias);
    }
}
