package io.hwnas.arch;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Exact per-layer and total counts of an architecture (batch 1, forward pass).
 *
 * @param peakActivationElements the largest number of activation elements alive at once when the
 *     nodes run in order and each tensor is freed right after its last reader (the network input
 *     included, weights excluded); multiply by bytes per element for memory
 */
public record ArchitectureCounts(List<LayerCount> layers, long macs, long trainableParams, long stateParams,
                                 long elementOps, long activationElements, long peakActivationElements)
        implements Serializable {

    public ArchitectureCounts {
        layers = List.copyOf(layers);
    }

    public static ArchitectureCounts of(Architecture arch) {
        List<LayerCount> rows = new ArrayList<>(arch.nodes().size());
        long macs = 0;
        long params = 0;
        long state = 0;
        long ops = 0;
        long activations = 0;
        for (Node n : arch.nodes()) {
            List<Shape> in = arch.inputShapes(n);
            Shape out = arch.shape(n.id());
            Layer l = n.layer();
            LayerCount c = new LayerCount(n.id(), n.op(), out, l.macs(in, out), l.trainableParams(in, out),
                    l.stateParams(in, out), l.elementOps(in, out), out.elements());
            rows.add(c);
            macs += c.macs();
            params += c.trainableParams();
            state += c.stateParams();
            ops += c.elementOps();
            activations += c.outputElements();
        }
        return new ArchitectureCounts(rows, macs, params, state, ops, activations, peakLiveElements(arch));
    }

    public long totalParams() {
        return trainableParams + stateParams;
    }

    static long peakLiveElements(Architecture arch) {
        List<Node> nodes = arch.nodes();
        Map<String, Integer> lastUse = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            for (String in : nodes.get(i).inputs()) {
                lastUse.put(in, i);
            }
        }
        lastUse.put(arch.output().id(), nodes.size());
        long live = arch.input().elements();
        long peak = live;
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            live += arch.shape(n.id()).elements();
            peak = Math.max(peak, live);
            for (String in : n.inputs().stream().distinct().toList()) {
                if (lastUse.get(in) == i) {
                    live -= arch.shape(in).elements();
                }
            }
            if (!lastUse.containsKey(n.id())) {
                live -= arch.shape(n.id()).elements();
            }
        }
        return peak;
    }
}
