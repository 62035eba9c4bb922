package io.hwnas.hw;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The numeric type a device runs a network in: the quantisation setting of an estimate. It fixes the bytes
 * every tensor and weight element takes and which of the profile's {@code macsPerCycle} rates applies.
 * Profiles spell it in lower case ({@code dataType: int8}).
 */
public enum Precision {
    INT8(1), INT16(2), FP16(2), FP32(4);

    private final int bytes;

    Precision(int bytes) {
        this.bytes = bytes;
    }

    public int bytes() {
        return bytes;
    }

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a command-line value (case-insensitive); the message names the field and lists what is allowed. */
    public static Precision fromId(String field, String value) {
        String key = value == null ? null : value.trim().toLowerCase(Locale.ROOT);
        for (Precision p : values()) {
            if (p.id().equals(key)) {
                return p;
            }
        }
        throw new DeviceProfileException("field '" + field + "' = '" + value + "' is not one of " + allowed());
    }

    public static String allowed() {
        return Arrays.stream(values()).map(Precision::id).collect(Collectors.joining(", "));
    }
}
