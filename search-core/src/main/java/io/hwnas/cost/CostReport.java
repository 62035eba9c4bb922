package io.hwnas.cost;

import java.io.Serializable;
import java.util.List;

/**
 * A device's estimate for one architecture, batch 1.
 *
 * @param latencySeconds end-to-end latency including per-inference overhead
 * @param peakMemoryBytes peak live activation memory at the device's data type
 * @param fitsOnChip whether that peak fits the device's on-chip memory (always true where none is modelled)
 */
public record CostReport(String device, double latencySeconds, long peakMemoryBytes, boolean fitsOnChip,
                         List<LayerCost> layers) implements Serializable {

    public CostReport {
        if (!(latencySeconds > 0) || Double.isInfinite(latencySeconds)) {
            throw new IllegalArgumentException("latency must be a positive finite number of seconds, got " + latencySeconds);
        }
        layers = List.copyOf(layers);
    }

    public double latencyMs() {
        return latencySeconds * 1e3;
    }

    /** Frames per second at batch 1. */
    public double fps() {
        return 1.0 / latencySeconds;
    }
}
