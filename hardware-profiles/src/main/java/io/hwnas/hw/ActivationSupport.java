package io.hwnas.hw;

import com.fasterxml.jackson.annotation.JsonValue;

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
    /** Runs on the device's own element units: elements / {@code activations.nativeElementsPerCycle} cycles. */
    NATIVE,
    /** Runs through a lookup table: elements / {@code activations.lutElementsPerCycle} cycles. */
    LUT,
    /**
     * Not supported: the tensor goes to a host CPU and back. Costs {@code activations.fallback.transferSeconds}
     * + elements / {@code activations.fallback.elementsPerSecond} + both transfers over the memory bandwidth.
     */
    FALLBACK;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static String allowed() {
        return Arrays.stream(values()).map(ActivationSupport::id).collect(Collectors.joining(", "));
    }
}
