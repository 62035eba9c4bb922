package io.hwnas.hw;

/**
 * The checks profile records run on their fields. Messages start {@code field '<name>'} with the name relative to
 * the record; the YAML reader puts the record's own path in front ({@code compute.clockHz}).
 */
final class FieldChecks {

    private FieldChecks() {
    }

    static <T> T required(String field, T value) {
        if (value == null) {
            throw new DeviceProfileException("field '" + field + "' is required");
        }
        return value;
    }

    static void positive(String field, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new DeviceProfileException("field '" + field + "' = " + value + " must be a positive finite number");
        }
    }

    static void nonNegative(String field, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new DeviceProfileException("field '" + field + "' = " + value + " must be a finite number >= 0");
        }
    }
}
