package io.hwnas.hant;

/** The families of layer alternatives HANT's operation library draws from. */
public enum OpKind {
    /** K×K conv → BN → activation. */
    CONV("conv"),
    /** K×K depthwise → BN → activation → 1×1 conv → BN → activation (MobileNetV1). */
    DW_SEPARABLE("dwsep"),
    /**
     * Inverted residual (MobileNetV2): 1×1 expand ×t → BN → act → K×K depthwise → BN → act → 1×1 project → BN,
     * plus the input when the stride is 1 and the channels match. The projection stays linear, as in the paper.
     */
    MBCONV("mbconv"),
    /** The layer removed: its output is its input (only where stride 1 and channels match). */
    IDENTITY("identity");

    private final String prefix;

    OpKind(String prefix) {
        this.prefix = prefix;
    }

    /** How the kind starts an op name ({@code conv3x3-relu}, {@code identity}). */
    public String prefix() {
        return prefix;
    }
}
