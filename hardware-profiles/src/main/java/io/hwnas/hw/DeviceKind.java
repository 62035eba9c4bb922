package io.hwnas.hw;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What sort of processor a profile describes. Profiles spell it in lower case: {@code cpu}, {@code npu}, {@code gpu}. */
public enum DeviceKind {
    CPU, NPU, GPU;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static DeviceKind fromId(String field, String value) {
        for (DeviceKind k : values()) {
            if (k.id().equals(value == null ? null : value.trim().toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw new DeviceProfileException("field '" + field + "' = '" + value + "' is not one of " + allowed());
    }

    static String allowed() {
        return Arrays.stream(values()).map(DeviceKind::id).collect(Collectors.joining(", "));
    }
}
