package io.hwnas.dl4j.onednn;

import org.bytedeco.dnnl.global.dnnl.algorithm;

/**
 * A DL4J activation of hwnas's own (hard-swish, exact GELU) that oneDNN computes as one of its element-wise
 * algorithms with alpha and beta 0. The activation says which, so this package needs no knowledge of it.
 */
public interface EltwiseActivation {
    algorithm oneDnnAlgorithm();
}
