package io.hwnas.dl4j;

/**
 * Which implementation computes the layers of a built graph. {@link #ONEDNN} is what hwnas trains with;
 * {@link #DL4J} (DL4J's own layers) stays as the reference the oneDNN layers are tested against and as the
 * baseline of {@code scripts/bench-train}.
 */
public enum LayerKernels {
    /** hwnas's layers in {@link io.hwnas.dl4j.onednn}: oneDNN primitives, channels-last activations. */
    ONEDNN,
    /** DL4J 1.0.0-M2's built-in layers. */
    DL4J
}
