package io.hwnas.hw.lut;

import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureCounts;
import io.hwnas.arch.Node;
import io.hwnas.cost.CostModel;
import io.hwnas.cost.CostReport;
import io.hwnas.cost.LayerCost;
import io.hwnas.hw.Precision;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Lookup-table mode: each node's latency from a {@link LatencyTable} of measured ops (interpolated between
 * measured shapes), summed, plus the table's inference overhead. Rows carry bound {@value #TABLE} (or
 * {@code fused} for ops free at inference). An op key the table lacks is an error naming the node and the
 * keys the table has: a table silently missing an op would under-estimate. Peak memory is fp32 activations,
 * the only precision DL4J tables are built for.
 */
public final class LookupTableCostModel implements CostModel {
    private static final long serialVersionUID = 1L;
    public static final String TABLE = "table";

    private final LatencyTable table;
    private transient Map<String, LatencyTable.KeyTable> index;

    public LookupTableCostModel(LatencyTable table) {
        this.table = Objects.requireNonNull(table, "table");
    }

    public LatencyTable table() {
        return table;
    }

    @Override
    public String device() {
        return table.device();
    }

    @Override
    public CostReport estimate(Architecture architecture) {
        Map<String, LatencyTable.KeyTable> keys = index();
        List<LayerCost> rows = new ArrayList<>(architecture.nodes().size());
        double total = table.inferenceOverheadSeconds();
        for (Node node : architecture.nodes()) {
            if (OpSignature.isFree(node.layer(), architecture.inputShapes(node).get(0))) {
                rows.add(new LayerCost(node.id(), node.op(), 0, 0, 0, "fused"));
                continue;
            }
            OpSignature s = OpSignature.of(architecture, node);
            LatencyTable.KeyTable entries = keys.get(s.key());
            if (entries == null) {
                throw new IllegalArgumentException("latency table '" + table.device() + "' has no entries for '" + s.key()
                        + "' (node '" + node.id() + "' of '" + architecture.name() + "'); it has: "
                        + String.join("; ", keys.keySet()));
            }
            double latency = entries.latency(s);
            rows.add(new LayerCost(node.id(), node.op(), latency, latency, 0, TABLE));
            total += latency;
        }
        long peak = ArchitectureCounts.of(architecture).peakActivationElements() * Precision.FP32.bytes();
        return new CostReport(table.device(), total, peak, true, rows);
    }

    private Map<String, LatencyTable.KeyTable> index() {
        Map<String, LatencyTable.KeyTable> i = index;
        if (i == null) {
            i = table.index();
            index = i;
        }
        return i;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LookupTableCostModel m && table.equals(m.table);
    }

    @Override
    public int hashCode() {
        return table.hashCode();
    }

    @Override
    public String toString() {
        return "LookupTableCostModel[" + table.device() + ", " + table.entries().size() + " entries]";
    }
}
