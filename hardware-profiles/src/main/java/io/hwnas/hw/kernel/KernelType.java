package io.hwnas.hw.kernel;

import io.hwnas.hw.NodeWork;
import io.hwnas.hw.OpClass;

import java.util.Locale;

/** What a kernel's first node is; the learned predictors keep one regressor per type. */
public enum KernelType {
    /** Dense (non-depthwise) convolutions of any kernel size, with whatever the device fuses into them. */
    CONV,
    DEPTHWISE,
    DENSE,
    /** Windowed and global pooling. */
    POOLING,
    /** Adds, multiplies, PReLUs and other element-wise work. */
    ELEMENTWISE,
    /** A batch-norm the device does not fold. */
    BATCH_NORM,
    /** An activation the device does not fuse. */
    ACTIVATION,
    /** Copies: concat, depth-to-space, upsample. */
    CONCAT;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type of a kernel whose first node is {@code head}; null for nodes that run as no kernel. */
    static KernelType of(NodeWork head) {
        return switch (head.kind()) {
            case MAC -> head.opClass() == OpClass.DEPTHWISE ? DEPTHWISE : head.opClass() == OpClass.DENSE ? DENSE : CONV;
            case BATCH_NORM -> BATCH_NORM;
            case ACTIVATION -> head.activation().isNonLinear() ? ACTIVATION : null;
            case ELEMENT -> head.opClass() == OpClass.POOLING ? POOLING : ELEMENTWISE;
            case COPY -> CONCAT;
            case FREE -> null;
        };
    }

    public static KernelType fromId(String id) {
        for (KernelType t : values()) {
            if (t.id().equals(id)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown kernel type '" + id + "'");
    }
}
