package io.hwnas.hw;

import java.io.Serializable;

/**
 * Which producer/consumer pairs the device runs as one kernel (algorithms.md §8, "fusion").
 *
 * @param bnIntoConv batch-norm directly after a conv/dense is folded into its weights (free)
 * @param activationIntoConv an activation directly after a conv/dense (or a folded BN) runs in the conv's
 *     output stage; only activations the profile marks {@code fused} profit
 */
public record Fusion(boolean bnIntoConv, boolean activationIntoConv) implements Serializable {
}
