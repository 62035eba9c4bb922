package io.hwnas.hw;

import io.hwnas.arch.ActivationType;

import java.io.Serializable;

/**
 * What one node asks of any device, independent of the device: the part of an estimate that can be computed
 * once per architecture and reused for every profile (see {@link NetworkWork}).
 *
 * @param kind how the estimator charges the node
 * @param opClass the efficiency class for MAC, pooling and element-wise nodes; null otherwise
 * @param activation the function of an activation node; null otherwise
 * @param inChannels input channels per group (a conv), or inputs (a dense); 0 where input alignment does not
 *     apply (depthwise convs, element-wise nodes)
 * @param outChannels output channels (conv, depthwise) or units (dense); 0 where alignment does not apply
 * @param ioElements input plus output tensor elements
 * @param weightElements trainable parameters the node reads
 * @param foldableBatchNorm a BN whose producer is a conv/dense nothing else reads: free where the device folds BN
 * @param producerIsMac the node's (first) producer is a conv/depthwise/dense
 * @param producerIsFoldableBatchNorm the node's producer is a {@code foldableBatchNorm}
 * @param producerHasOneReader the node is the only reader of its producer's output
 */
public record NodeWork(String nodeId, String op, Kind kind, OpClass opClass, ActivationType activation,
                       int inChannels, int outChannels, long macs, long elementOps, long ioElements,
                       long weightElements, boolean foldableBatchNorm, boolean producerIsMac,
                       boolean producerIsFoldableBatchNorm, boolean producerHasOneReader) implements Serializable {

    /** How a node is charged. */
    public enum Kind {
        /** conv, depthwise, dense: MAC roofline. */
        MAC,
        BATCH_NORM,
        ACTIVATION,
        /** pooling, global pooling, add, multiply, PReLU: element-op roofline. */
        ELEMENT,
        /** concat, depth-to-space, upsample: a copy, memory only. */
        COPY,
        /** flatten, dropout: nothing at inference. */
        FREE
    }
}
