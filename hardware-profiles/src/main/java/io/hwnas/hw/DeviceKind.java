package io.hwnas.hw;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** What sort of processor a profile describes. Profiles spell it in lower case: {@code cpu}, {@code npu}, {@code gpu}. */
public enum DeviceKind {
    CPU, NPU, GPU;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
