package io.hwnas.hw;

import io.hwnas.arch.Activation;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureCounts;
import io.hwnas.arch.BatchNorm;
import io.hwnas.arch.Concat;
import io.hwnas.arch.Conv2d;
import io.hwnas.arch.Dense;
import io.hwnas.arch.DepthToSpace;
import io.hwnas.arch.DepthwiseConv2d;
import io.hwnas.arch.Dropout;
import io.hwnas.arch.Flatten;
import io.hwnas.arch.Layer;
import io.hwnas.arch.LayerCount;
import io.hwnas.arch.Node;
import io.hwnas.arch.Shape;
import io.hwnas.arch.Upsample;
import io.hwnas.hw.arena.TensorGraph;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The device-independent half of an estimate: per node, the work and the fusion facts every cost model
 * needs. Computing it walks the graph once (shapes, counts, readers); estimating it on a device is then a
 * single arithmetic pass and an arena placement, so one architecture is costed on many devices, or one profile
 * re-costed during calibration, without repeating the graph work.
 *
 * @param tensors the dataflow, in the same node order, for planning the device's tensor arena
 * @param weightElements the trainable parameters of the layers a device runs
 */
public record NetworkWork(String architecture, List<NodeWork> nodes, TensorGraph tensors,
                          long weightElements) implements Serializable {

    public NetworkWork {
        Objects.requireNonNull(architecture, "architecture");
        nodes = List.copyOf(nodes);
        Objects.requireNonNull(tensors, "tensors");
        if (tensors.steps().size() != nodes.size()) {
            throw new IllegalArgumentException("tensors has " + tensors.steps().size() + " steps for " + nodes.size()
                    + " nodes");
        }
    }

    public static NetworkWork of(Architecture arch) {
        ArchitectureCounts counts = ArchitectureCounts.of(arch);
        Map<String, Integer> readers = readerCounts(arch);
        Map<String, NodeWork> byId = new HashMap<>();
        List<NodeWork> rows = new ArrayList<>(arch.nodes().size());
        for (int i = 0; i < arch.nodes().size(); i++) {
            Node node = arch.nodes().get(i);
            NodeWork w = work(arch, node, counts.layers().get(i), readers, byId);
            byId.put(node.id(), w);
            rows.add(w);
        }
        // the weights a device holds: those of the layers it runs (a block trained collapsed holds one conv's)
        long weights = rows.stream().mapToLong(NodeWork::weightElements).sum();
        return new NetworkWork(arch.name(), rows, tensorGraph(arch, counts), weights);
    }

    private static TensorGraph tensorGraph(Architecture arch, ArchitectureCounts counts) {
        Map<String, Integer> index = new HashMap<>();
        index.put(Node.INPUT, TensorGraph.NETWORK_INPUT);
        List<TensorGraph.Step> steps = new ArrayList<>(arch.nodes().size());
        for (int i = 0; i < arch.nodes().size(); i++) {
            Node node = arch.nodes().get(i);
            steps.add(new TensorGraph.Step(node.id(), counts.layers().get(i).outputElements(),
                    node.inputs().stream().map(index::get).toList()));
            index.put(node.id(), i);
        }
        return new TensorGraph(arch.input().elements(), steps, index.get(arch.output().id()));
    }

    private static NodeWork work(Architecture arch, Node node, LayerCount count, Map<String, Integer> readers,
                                 Map<String, NodeWork> byId) {
        Layer layer = node.layer().inference();
        List<Shape> inputs = arch.inputShapes(node);
        long io = count.outputElements();
        for (Shape s : inputs) {
            io += s.elements();
        }
        String producerId = node.inputs().get(0);
        NodeWork producer = byId.get(producerId); // null for the network input
        boolean producerIsMac = producer != null && producer.kind() == NodeWork.Kind.MAC;
        boolean producerIsFoldableBn = producer != null && producer.foldableBatchNorm();
        boolean oneReader = readers.get(producerId) == 1;
        Shape in = inputs.get(0);
        NodeWork.Kind kind;
        int inChannels = 0;
        int outChannels = 0;
        if (layer instanceof Conv2d c) {
            kind = NodeWork.Kind.MAC;
            inChannels = in.channels() / c.groups();
            outChannels = c.outChannels();
            if (c.groups() > 1 && c.groups() == in.channels()) {
                inChannels = 0; // depthwise: aligned on the channel axis only
            }
        } else if (layer instanceof DepthwiseConv2d) {
            kind = NodeWork.Kind.MAC;
            outChannels = count.output().channels();
        } else if (layer instanceof Dense d) {
            kind = NodeWork.Kind.MAC;
            inChannels = in.channels();
            outChannels = d.units();
        } else if (layer instanceof BatchNorm) {
            kind = NodeWork.Kind.BATCH_NORM;
        } else if (layer instanceof Activation) {
            kind = NodeWork.Kind.ACTIVATION;
        } else if (layer instanceof Concat || layer instanceof DepthToSpace || layer instanceof Upsample) {
            kind = NodeWork.Kind.COPY;
        } else if (layer instanceof Flatten || layer instanceof Dropout) {
            kind = NodeWork.Kind.FREE;
        } else {
            kind = NodeWork.Kind.ELEMENT; // pool2d, global_pool, add, multiply, prelu
        }
        boolean foldableBn = kind == NodeWork.Kind.BATCH_NORM && producerIsMac && oneReader;
        return new NodeWork(node.id(), node.op(), kind, OpClass.of(layer, in).orElse(null),
                layer instanceof Activation a ? a.function() : null, inChannels, outChannels, count.macs(),
                count.elementOps(), io, layer.trainableParams(inputs, count.output()), foldableBn, producerIsMac, producerIsFoldableBn,
                oneReader);
    }

    /** How many nodes read each tensor; the network output counts as read once more. */
    private static Map<String, Integer> readerCounts(Architecture arch) {
        Map<String, Integer> n = new HashMap<>();
        n.put(Node.INPUT, 0);
        for (Node node : arch.nodes()) {
            n.putIfAbsent(node.id(), 0);
            List<String> inputs = node.inputs();
            for (int i = 0; i < inputs.size(); i++) {
                if (inputs.indexOf(inputs.get(i)) == i) {
                    n.merge(inputs.get(i), 1, Integer::sum);
                }
            }
        }
        n.merge(arch.output().id(), 1, Integer::sum);
        return n;
    }
}
