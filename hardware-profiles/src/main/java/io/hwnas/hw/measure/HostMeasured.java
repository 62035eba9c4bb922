package io.hwnas.hw.measure;

import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureCounts;
import io.hwnas.cost.CostModel;
import io.hwnas.hw.Precision;

/**
 * A cost model that times real inference on the machine that calls it: a later estimate (the report's per-layer
 * costs, on the driver) is a new measurement there, not the sweep's figure from its executor.
 */
public interface HostMeasured extends CostModel {

    /** What runs the inference, for people: e.g. "DL4J", "ONNX Runtime". */
    String runtime();

    /** The peak memory both host runtimes report: the net's peak live activations in fp32. */
    static long fp32PeakBytes(Architecture architecture) {
        return ArchitectureCounts.of(architecture).peakActivationElements() * Precision.FP32.bytes();
    }
}
