package io.hwnas.hw.kernel;

import io.hwnas.arch.Activation;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.Conv2d;
import io.hwnas.arch.DepthwiseConv2d;
import io.hwnas.arch.GlobalPool;
import io.hwnas.arch.Layer;
import io.hwnas.arch.Node;
import io.hwnas.arch.PoolKind;
import io.hwnas.arch.Pool2d;
import io.hwnas.arch.Shape;
import io.hwnas.arch.Size2;
import io.hwnas.hw.NodeWork;

import java.util.List;

/**
 * The features of a kernel, the same for every type (a type leaves what does not apply at 0): shapes, window,
 * work and what is fused. Trees split on raw values, so nothing is normalised.
 */
public final class KernelFeatures {
    /** In vector order; also the column names of the measurements. */
    public static final List<String> NAMES = List.of("in_channels", "out_channels", "in_height", "in_width",
            "out_height", "out_width", "kernel_h", "kernel_w", "stride", "groups", "inputs", "macs", "element_ops",
            "io_elements", "weights", "fused_nodes", "activation", "pool_kind");

    private KernelFeatures() {
    }

    static double[] of(Architecture arch, List<Node> nodes, List<NodeWork> work) {
        Node head = nodes.get(0);
        Node tail = nodes.get(nodes.size() - 1);
        Shape in = arch.inputShapes(head).get(0);
        Shape out = arch.shape(tail.id());
        Layer layer = head.layer().inference();
        Size2 window = new Size2(1, 1);
        Size2 stride = new Size2(1, 1);
        int groups = 1;
        int pool = 0;
        if (layer instanceof Conv2d c) {
            window = c.kernel();
            stride = c.stride();
            groups = c.groups();
        } else if (layer instanceof DepthwiseConv2d d) {
            window = d.kernel();
            stride = d.stride();
            groups = in.channels();
        } else if (layer instanceof Pool2d p) {
            window = p.kernel();
            stride = p.stride();
            pool = p.kind() == PoolKind.MAX ? 1 : 2;
        } else if (layer instanceof GlobalPool g) {
            window = new Size2(in.height(), in.width());
            pool = g.kind() == PoolKind.MAX ? 1 : 2;
        }
        double macs = 0;
        double elementOps = 0;
        double io = 0;
        double weights = 0;
        int activation = 0;
        for (int i = 0; i < nodes.size(); i++) {
            NodeWork w = work.get(i);
            macs += w.macs();
            elementOps += w.elementOps();
            io += w.ioElements();
            weights += w.weightElements();
            if (nodes.get(i).layer() instanceof Activation a) {
                activation = a.function().ordinal() + 1;
            }
        }
        return new double[] {in.channels(), out.channels(), in.height(), in.width(), out.height(), out.width(),
                window.h(), window.w(), stride.h(), groups, head.inputs().size(), macs, elementOps, io, weights,
                nodes.size(), activation, pool};
    }
}
