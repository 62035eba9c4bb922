package io.hwnas.hant;

import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureCounts;
import io.hwnas.arch.LayerCount;
import io.hwnas.cost.CostModel;
import io.hwnas.cost.CostReport;
import io.hwnas.cost.LayerCost;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * latency(i, j) for every layer and candidate op on one device, and the fixed rest (stem, head,
 * per-inference overhead), so that a net's latency is {@code fixedMs + Σ_i latency(i, op_i)}. The per-layer
 * sums are additive because every non-identity op starts with a conv: no node's cost depends on another
 * layer's choice (checked against whole-net estimates in a test).
 *
 * @param byLayer for each layer, one row per candidate op in {@link OpLibrary#candidates} order
 */
public record CostTable(String device, double fixedMs, List<List<OpCost>> byLayer) implements Serializable {

    public CostTable {
        if (byLayer == null || byLayer.isEmpty()) {
            throw new IllegalArgumentException("field 'byLayer' must have at least one layer");
        }
        byLayer = byLayer.stream().map(List::copyOf).toList();
    }

    public static CostTable of(ChainNetwork network, OpLibrary library, CostModel model) {
        CostReport teacher = model.estimate(network.teacher());
        double teacherLayers = 0;
        List<List<OpCost>> rows = new ArrayList<>();
        for (LayerSlot slot : network.slots()) {
            List<OpCost> layer = new ArrayList<>();
            for (Op op : library.candidates(slot)) {
                Architecture arch = network.assemble("l" + slot.index() + "-" + op.name(),
                        network.teacherWith(slot.index(), op));
                CostReport report = model.estimate(arch);
                double seconds = report.layers().stream().filter(c -> c.nodeId().startsWith(slot.prefix()))
                        .mapToDouble(LayerCost::latencySeconds).sum();
                long macs = 0;
                long params = 0;
                for (LayerCount c : ArchitectureCounts.of(arch).layers()) {
                    if (c.nodeId().startsWith(slot.prefix())) {
                        macs += c.macs();
                        params += c.trainableParams();
                    }
                }
                layer.add(new OpCost(slot.index(), op, seconds * 1e3, macs, params));
            }
            teacherLayers += layer.get(0).latencyMs();
            rows.add(layer);
        }
        return new CostTable(model.device(), teacher.latencyMs() - teacherLayers, rows);
    }

    public int layers() {
        return byLayer.size();
    }

    public List<OpCost> layer(int i) {
        return byLayer.get(i);
    }

    /** The teacher's latency: each layer's first row is the teacher's op. */
    public double teacherMs() {
        return fixedMs + byLayer.stream().mapToDouble(l -> l.get(0).latencyMs()).sum();
    }

    /** The fastest net the table allows. */
    public double cheapestMs() {
        return fixedMs + byLayer.stream().mapToDouble(l -> l.stream().mapToDouble(OpCost::latencyMs).min()
                .orElseThrow()).sum();
    }

    /** Predicted latency of the net with candidate {@code choice[i]} in layer i. */
    public double latencyMs(int[] choice) {
        double total = fixedMs;
        for (int i = 0; i < choice.length; i++) {
            total += byLayer.get(i).get(choice[i]).latencyMs();
        }
        return total;
    }
}
