package io.hwnas.eval;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * Whether a sweep also scores each trained classifier as deployed int8: {@link #INT8} quantises the trained net's
 * deployed form after training and measures its top-1 accuracy in ONNX Runtime ({@code accuracy_int8}).
 */
public enum Quantization {
    NONE, INT8;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isInt8() {
        return this == INT8;
    }
}
