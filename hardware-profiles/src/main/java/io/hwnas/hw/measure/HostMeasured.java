package io.hwnas.hw.measure;

import io.hwnas.cost.CostModel;

/**
 * A cost model that times real inference on the machine that calls it: a later estimate (the report's per-layer
 * costs, on the driver) is a new measurement there, not the sweep's figure from its executor.
 */
public interface HostMeasured extends CostModel {

    /** What runs the inference, for people: e.g. "DL4J", "ONNX Runtime". */
    String runtime();
}
