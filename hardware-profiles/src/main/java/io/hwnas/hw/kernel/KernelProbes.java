package io.hwnas.hw.kernel;

import io.hwnas.arch.Activation;
import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureBuilder;
import io.hwnas.arch.Conv2d;
import io.hwnas.arch.Dense;
import io.hwnas.arch.Flatten;
import io.hwnas.arch.GlobalPool;
import io.hwnas.arch.Node;
import io.hwnas.arch.Shape;

import java.util.List;

/**
 * A kernel as a network of its own, the way nn-Meter measures kernels: a fixed head on an input of the kernel's
 * input shape, the kernel's nodes, then a fixed tail (global pooling where the output is spatial, a 2-unit dense)
 * the network runner needs; and the {@link #baseline}, the same network without the kernel, whose time is
 * subtracted. Timing a kernel as its own inference, rather than its vertices on activations of a forward pass,
 * keeps the layers' own fast paths (hwnas's oneDNN layers pass channels-last arrays between each other).
 * A node with several inputs reads the probe's input and identity copies of it.
 */
final class KernelProbes {
    private static final String COPY = "copy";

    private KernelProbes() {
    }

    static Architecture probe(Architecture arch, Kernel kernel) {
        List<Node> nodes = kernel.nodeIds().stream().map(arch::node).toList();
        ArchitectureBuilder b = start("probe", arch.inputShapes(nodes.get(0)).get(0));
        String previous = b.last();
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            int inputs = n.inputs().size();
            if (i == 0 && inputs > 1) {
                String[] from = new String[inputs];
                from[0] = previous;
                for (int c = 1; c < inputs; c++) {
                    from[c] = COPY + c;
                    b.addFrom(from[c], new Activation(ActivationType.IDENTITY), previous);
                }
                b.addFrom("k" + i, n.layer(), from);
            } else {
                b.addFrom("k" + i, n.layer(), previous);
            }
            previous = "k" + i;
        }
        return finish(b, arch.shape(nodes.get(nodes.size() - 1).id()));
    }

    /** {@link #probe} without the kernel: its head and tail on the kernel's input shape. */
    static Architecture baseline(Architecture arch, Kernel kernel) {
        Shape in = arch.inputShapes(arch.node(kernel.nodeIds().get(0))).get(0);
        return finish(start("baseline", in), in);
    }

    /**
     * The head that puts the kernel's input where a network's layer finds it: an image through a 1×1 conv of the
     * same width (hwnas's layers hand each other channels-last arrays; only a network's first layer reorders its
     * input), a flat input as a 1×1 image and a flatten.
     */
    private static ArchitectureBuilder start(String name, Shape in) {
        if (in.spatial()) {
            ArchitectureBuilder b = new ArchitectureBuilder(name, in);
            b.add("head", Conv2d.same(in.channels(), 1, 1));
            return b;
        }
        ArchitectureBuilder b = new ArchitectureBuilder(name, Shape.image(in.channels(), 1, 1));
        b.add("flat", new Flatten());
        return b;
    }

    private static Architecture finish(ArchitectureBuilder b, Shape out) {
        if (out.spatial()) {
            b.add("gp", GlobalPool.avg());
        }
        b.add("fc", Dense.of(2));
        return b.build();
    }
}
