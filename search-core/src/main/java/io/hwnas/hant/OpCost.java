package io.hwnas.hant;

import java.io.Serializable;

/**
 * What op {@code op} costs in layer {@code layer} on one device: its share of the whole net's estimate
 * (the sum of its nodes' per-layer costs, so fusion with neighbours is accounted as in the real net), and
 * its exact MACs and parameters.
 */
public record OpCost(int layer, Op op, double latencyMs, long macs, long params) implements Serializable {

    public OpCost {
        if (layer < 0) {
            throw new IllegalArgumentException("field 'layer' = " + layer + " must be >= 0");
        }
        if (op == null) {
            throw new IllegalArgumentException("field 'op' is required");
        }
        if (!(latencyMs >= 0) || Double.isInfinite(latencyMs)) {
            throw new IllegalArgumentException("layer " + layer + " op " + op + ": field 'latencyMs' = " + latencyMs
                    + " must be finite and >= 0");
        }
        if (macs < 0 || params < 0) {
            throw new IllegalArgumentException("layer " + layer + " op " + op + ": MACs " + macs + " and params "
                    + params + " must be >= 0");
        }
    }
}
