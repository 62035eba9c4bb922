package io.hwnas.hw;

import java.io.Serializable;

import static io.hwnas.hw.FieldChecks.nonNegative;
import static io.hwnas.hw.FieldChecks.positive;

/**
 * The host CPU that runs activations the device does not support ({@link ActivationSupport#FALLBACK}).
 *
 * @param elementsPerSecond activation elements per second on that CPU
 * @param transferSeconds fixed cost of handing one tensor to it and back (dispatch, synchronisation); the bytes
 *     themselves are charged over the memory bandwidth
 */
public record CpuFallback(double elementsPerSecond, double transferSeconds) implements Serializable {

    public CpuFallback {
        positive("elementsPerSecond", elementsPerSecond);
        nonNegative("transferSeconds", transferSeconds);
    }
}
