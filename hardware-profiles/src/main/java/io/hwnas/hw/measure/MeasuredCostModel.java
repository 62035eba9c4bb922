package io.hwnas.hw.measure;

import io.hwnas.arch.Architecture;
import io.hwnas.cost.CostReport;
import io.hwnas.cost.LayerCost;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Measured mode: the latency of real DL4J inference of the candidate on the machine evaluating it (an
 * executor in a sweep), batch 1, fp32: warm-up, then the median of k runs. Per-layer rows are each node's
 * vertex timed alone (bound {@value #MEASURED}); they need not sum to the total, which also holds the graph's
 * own overhead. Peak memory is the IR's peak live activations in fp32; nothing on-chip is modelled.
 *
 * <p>Timings are only comparable between candidates measured on the same kind of machine with the same
 * ND4J thread count, and are disturbed by whatever else runs on it (e.g. training on the other cores).
 */
public final class MeasuredCostModel implements HostMeasured {
    private static final long serialVersionUID = 1L;
    public static final String DEVICE = "measured";
    public static final String MEASURED = "measured";

    private final InferenceTimer timer;
    private final boolean perLayer;
    private final long seed;

    public MeasuredCostModel(InferenceTimer timer, boolean perLayer, long seed) {
        this.timer = Objects.requireNonNull(timer, "timer");
        this.perLayer = perLayer;
        this.seed = seed;
    }

    /** Whole-network timing with the default warm-up and runs, no per-layer rows. */
    public static MeasuredCostModel standard() {
        return new MeasuredCostModel(InferenceTimer.DEFAULT, false, 0);
    }

    @Override
    public String device() {
        return DEVICE;
    }

    @Override
    public String runtime() {
        return "DL4J";
    }

    @Override
    public CostReport estimate(Architecture architecture) {
        try (Dl4jLatency latency = new Dl4jLatency(architecture, seed)) {
            Timing total = latency.network(timer);
            List<LayerCost> rows = new ArrayList<>();
            if (perLayer) {
                for (Map.Entry<String, Timing> e : latency.perNode(timer).entrySet()) {
                    double s = e.getValue().median();
                    rows.add(new LayerCost(e.getKey(), architecture.node(e.getKey()).op(), s, s, 0, MEASURED));
                }
            }
            long peak = HostMeasured.fp32PeakBytes(architecture);
            return new CostReport(DEVICE, total.median(), peak, true, rows);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MeasuredCostModel m && timer.equals(m.timer) && perLayer == m.perLayer && seed == m.seed;
    }

    @Override
    public int hashCode() {
        return Objects.hash(timer, perLayer, seed);
    }

    @Override
    public String toString() {
        return "MeasuredCostModel[" + timer + (perLayer ? ", per layer" : "") + "]";
    }
}
