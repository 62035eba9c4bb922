package io.hwnas.hw.measure;

import io.hwnas.arch.Architecture;
import io.hwnas.cost.CostReport;
import io.hwnas.dl4j.Nd4jThreads;
import io.hwnas.onnx.OnnxExport;
import io.hwnas.onnx.OnnxModel;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.util.List;
import java.util.Objects;

/**
 * Device {@value #DEVICE}: the candidate exported to ONNX in memory and timed in ONNX Runtime on the machine
 * evaluating it (an executor in a sweep), batch 1, with the protocol of {@link MeasuredCostModel} (its
 * {@link InferenceTimer}: warm-up, then the median of k runs). The export is fp32, with the weights DL4J initialises
 * from the seed (latency does not depend on their values), as measured mode runs them. ONNX Runtime gets as many
 * intra-op threads as the calling thread gives ND4J ({@link Nd4jThreads#current()}: a sweep's {@code threadsPerTask}),
 * so both measured devices time a candidate on the same share of cores. Peak memory is the IR's peak live activations in
 * fp32, as in measured mode; no per-layer rows.
 */
public final class OnnxRuntimeCostModel implements HostMeasured {
    private static final long serialVersionUID = 1L;
    public static final String DEVICE = "onnxruntime-cpu";

    private final InferenceTimer timer;
    private final long seed;

    public OnnxRuntimeCostModel(InferenceTimer timer, long seed) {
        this.timer = Objects.requireNonNull(timer, "timer");
        this.seed = seed;
    }

    /** The default warm-up and runs of measured mode. */
    public static OnnxRuntimeCostModel standard() {
        return new OnnxRuntimeCostModel(InferenceTimer.DEFAULT, 0);
    }

    @Override
    public String device() {
        return DEVICE;
    }

    @Override
    public String runtime() {
        return "ONNX Runtime";
    }

    @Override
    public CostReport estimate(Architecture architecture) {
        try (OnnxLatency latency = new OnnxLatency(export(architecture, seed), architecture.input(),
                Nd4jThreads.current(), seed, architecture.name())) {
            Timing total = latency.network(timer);
            long peak = HostMeasured.fp32PeakBytes(architecture);
            return new CostReport(DEVICE, total.median(), peak, true, List.of());
        }
    }

    /** {@code architecture} as an fp32 ONNX model with the weights of the graph measured mode runs for {@code seed}. */
    public static OnnxModel export(Architecture architecture, long seed) {
        ComputationGraph graph = Dl4jLatency.graph(architecture, seed);
        try {
            return OnnxExport.of(architecture, graph);
        } finally {
            graph.clear();
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OnnxRuntimeCostModel m && timer.equals(m.timer) && seed == m.seed;
    }

    @Override
    public int hashCode() {
        return Objects.hash(timer, seed);
    }

    @Override
    public String toString() {
        return "OnnxRuntimeCostModel[" + timer + "]";
    }
}
