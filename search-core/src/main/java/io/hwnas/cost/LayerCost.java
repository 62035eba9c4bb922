package io.hwnas.cost;

import java.io.Serializable;

/**
 * One node's share of a {@link CostReport}.
 *
 * @param latencySeconds time this node adds to the inference (0 when fused into its producer)
 * @param computeSeconds time the arithmetic alone would take
 * @param memorySeconds time moving its tensors and weights would take
 * @param bound what limits it: {@code compute}, {@code memory}, {@code fused} or {@code fallback}
 */
public record LayerCost(String nodeId, String op, double latencySeconds, double computeSeconds, double memorySeconds,
                        String bound) implements Serializable {
}
