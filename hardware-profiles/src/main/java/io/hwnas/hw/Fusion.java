package io.hwnas.hw;

import java.io.Serializable;

/**
 * Which producer/consumer pairs the device runs as one kernel (algorithms.md §8, "fusion"). The rules below are the
 * one statement of fusion: the analytical model charges nothing for what they fuse, the arena planner
 * ({@link ArenaMemory}) gives it no tensor of its own, and the learned predictors ({@code io.hwnas.hw.kernel}) group
 * exactly those nodes into one measured kernel.
 *
 * @param bnIntoConv batch-norm directly after a conv/dense is folded into its weights (free)
 * @param activationIntoConv an activation directly after a conv/dense (or a folded BN) runs in the conv's
 *     output stage; only activations the profile marks {@code fused} profit
 */
public record Fusion(boolean bnIntoConv, boolean activationIntoConv) implements Serializable {

    /** A batch-norm folded into the conv/dense that produces it (which nothing else reads). */
    public boolean foldsBatchNorm(NodeWork node) {
        return node.kind() == NodeWork.Kind.BATCH_NORM && node.foldableBatchNorm() && bnIntoConv;
    }

    /**
     * An activation run in the output stage of its producer: a conv/dense, or a BN folded into one, that nothing
     * else reads, on a device that fuses activations and supports this one as {@code fused}.
     */
    public boolean fusesActivation(NodeWork node, ActivationSupport support) {
        if (node.kind() != NodeWork.Kind.ACTIVATION || support != ActivationSupport.FUSED || !activationIntoConv) {
            return false;
        }
        boolean afterConv = node.producerIsMac() || (node.producerIsFoldableBatchNorm() && bnIntoConv);
        return afterConv && node.producerHasOneReader();
    }

    /**
     * The node does no work and writes no tensor of its own on the device: a folded batch-norm, a fused activation, or
     * a node that is nothing at inference (flatten, dropout, identity), whose output is its input's tensor.
     */
    public boolean absorbs(NodeWork node, ActivationCosts activations) {
        return switch (node.kind()) {
            case FREE -> true;
            case BATCH_NORM -> foldsBatchNorm(node);
            case ACTIVATION -> !node.activation().isNonLinear()
                    || fusesActivation(node, activations.support(node.activation()));
            default -> false;
        };
    }
}
