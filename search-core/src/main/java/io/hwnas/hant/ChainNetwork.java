package io.hwnas.hant;

import io.hwnas.arch.Activation;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.BatchNorm;
import io.hwnas.arch.Conv2d;
import io.hwnas.arch.Dense;
import io.hwnas.arch.GlobalPool;
import io.hwnas.arch.Node;
import io.hwnas.arch.Shape;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The teacher as a chain of replaceable layers, and every network HANT derives from it: stem, then
 * one op per {@link LayerSlot}, then global average pool and a dense classifier. Layer i's nodes are
 * prefixed {@code l<i>.} in every assembled net and in the standalone fragment, so weights move between
 * them by node id.
 */
public final class ChainNetwork implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final String STEM_OUTPUT = "stem.act";

    private final TeacherSpec spec;
    private final List<LayerSlot> slots;

    public ChainNetwork(TeacherSpec spec) {
        if (spec == null) {
            throw new IllegalArgumentException("field 'teacher' is required");
        }
        this.spec = spec;
        List<Node> nodes = new ArrayList<>(stem());
        Shape in = partial(nodes).shape(STEM_OUTPUT);
        String tensor = STEM_OUTPUT;
        List<LayerSlot> built = new ArrayList<>();
        for (int i = 0; i < spec.layers().size(); i++) {
            TeacherLayer layer = spec.layers().get(i);
            Fragment f;
            try {
                f = layer.op().build("l" + i + ".", tensor, in, layer.channels(), layer.stride());
                nodes.addAll(f.nodes());
                Shape out = partial(nodes).shape(f.output());
                built.add(new LayerSlot(i, in, out, layer.stride(), layer.op()));
                in = out;
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("field 'layers[" + i + "]': " + e.getMessage()); // no cause: readers report the root
            }
            tensor = f.output();
        }
        this.slots = Collections.unmodifiableList(built);
    }

    public TeacherSpec spec() {
        return spec;
    }

    public List<LayerSlot> slots() {
        return slots;
    }

    public LayerSlot slot(int layer) {
        if (layer < 0 || layer >= slots.size()) {
            throw new IllegalArgumentException("layer " + layer + " is outside 0.." + (slots.size() - 1));
        }
        return slots.get(layer);
    }

    public List<Op> teacherOps() {
        return slots.stream().map(LayerSlot::teacherOp).toList();
    }

    public Architecture teacher() {
        return assemble("teacher", teacherOps());
    }

    /** The net with op {@code ops.get(i)} in layer i. */
    public Architecture assemble(String name, List<Op> ops) {
        return build(name, ops).arch;
    }

    /**
     * The ids of the tensors between layers in the net {@link #assemble} builds from {@code ops}: entry i is
     * layer i's input, entry i+1 its output (the same id where layer i is identity).
     */
    public List<String> boundaries(List<Op> ops) {
        return build("boundaries", ops).boundaries;
    }

    /** The teacher with layer {@code layer} replaced by {@code op}. */
    public List<Op> teacherWith(int layer, Op op) {
        List<Op> ops = new ArrayList<>(teacherOps());
        ops.set(slot(layer).index(), op);
        return ops;
    }

    /**
     * Op {@code op} filling {@code slot}, alone: input = the layer's input shape, output = its last node. The
     * node ids are the ones it has in an assembled net. Not for identity, which has no nodes.
     */
    public static Architecture fragmentArchitecture(LayerSlot slot, Op op) {
        if (op.kind() == OpKind.IDENTITY) {
            throw new IllegalArgumentException("layer " + slot.index() + ": the identity op has no nodes to build");
        }
        Fragment f = op.build(slot.prefix(), Node.INPUT, slot.input(), slot.output().channels(), slot.stride());
        return new Architecture("l" + slot.index() + "-" + op.name(), slot.input(), f.nodes());
    }

    private record Built(Architecture arch, List<String> boundaries) {
    }

    private Built build(String name, List<Op> ops) {
        if (ops == null || ops.size() != slots.size()) {
            throw new IllegalArgumentException("an assignment needs one op per layer (" + slots.size() + "), got "
                    + (ops == null ? 0 : ops.size()));
        }
        List<Node> nodes = new ArrayList<>(stem());
        List<String> boundaries = new ArrayList<>();
        String tensor = STEM_OUTPUT;
        boundaries.add(tensor);
        for (LayerSlot slot : slots) {
            Op op = ops.get(slot.index());
            slot.misfit(op).ifPresent(reason -> {
                throw new IllegalArgumentException("layer " + slot.index() + ": " + reason);
            });
            Fragment f = op.build(slot.prefix(), tensor, slot.input(), slot.output().channels(), slot.stride());
            nodes.addAll(f.nodes());
            tensor = f.output();
            boundaries.add(tensor);
        }
        nodes.add(Node.of("head.pool", GlobalPool.avg(), tensor));
        nodes.add(Node.of("head.fc", Dense.of(spec.classes())));
        return new Built(new Architecture(name, spec.input().toShape(), nodes), List.copyOf(boundaries));
    }

    private List<Node> stem() {
        StemSpec s = spec.stem();
        return List.of(Node.of("stem.conv", Conv2d.same(s.channels(), s.kernel(), s.stride())),
                Node.of("stem.bn", BatchNorm.standard()), Node.of(STEM_OUTPUT, new Activation(s.activation())));
    }

    private Architecture partial(List<Node> nodes) {
        return new Architecture("teacher", spec.input().toShape(), nodes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChainNetwork other && spec.equals(other.spec);
    }

    @Override
    public int hashCode() {
        return spec.hashCode();
    }
}
