package io.hwnas.hw;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a device runs one activation function (algorithms.md §8, "activation support per device").
 * Profiles spell these in lower case.
 */
public enum ActivationSupport {
    /**
     * Free when it directly follows a conv/dense (or a BN folded into one) and the device fuses
     * activations into convolutions; anywhere else it is charged as {@link #NATIVE}.
     */
    FUSED,
    /** Runs on the device's own element units: elements / {@code nativeElementsPerCycle} cycles. */
    NATIVE,
    /** Runs through a lookup table: elements / {@code lutElementsPerCycle} cycles. */
    LUT,
    /**
     * Not supported: the tensor goes to a host CPU and back. Costs {@code fallbackTransferSeconds}
     * + elements / {@code fallbackElementsPerSecond} + both transfers over the memory bandwidth.
     */
    FALLBACK;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ActivationSupport fromId(String field, Object value) {
        String key = value instanceof String s ? s.trim().toLowerCase(Locale.ROOT) : null;
        for (ActivationSupport a : values()) {
            if (a.id().equals(key)) {
                return a;
            }
        }
        throw new DeviceProfileException("field '" + field + "' = '" + value + "' is not one of " + allowed());
    }

    static String allowed() {
        return Arrays.stream(values()).map(ActivationSupport::id).collect(Collectors.joining(", "));
    }
}
