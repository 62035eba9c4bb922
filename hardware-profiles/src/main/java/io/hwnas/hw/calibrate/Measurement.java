package io.hwnas.hw.calibrate;

import io.hwnas.arch.Architecture;
import io.hwnas.hw.NetworkWork;

import java.io.Serializable;
import java.util.Objects;

/** One measured latency of one architecture on the device being calibrated (batch 1). */
public record Measurement(Architecture architecture, NetworkWork work, double latencySeconds) implements Serializable {

    public Measurement {
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(work, "work");
        if (!(latencySeconds > 0) || Double.isInfinite(latencySeconds)) {
            throw new IllegalArgumentException("measured latency of '" + architecture.name()
                    + "' must be a positive finite number of seconds, got " + latencySeconds);
        }
    }

    public static Measurement of(Architecture architecture, double latencySeconds) {
        return new Measurement(architecture, NetworkWork.of(architecture), latencySeconds);
    }
}
