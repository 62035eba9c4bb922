package io.hwnas.arch;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Activation functions the IR knows. JSON and configs use the lower-case {@link #id()}. */
public enum ActivationType {
    RELU("relu"),
    RELU6("relu6"),
    LEAKY_RELU("leaky_relu"),
    /** x·sigmoid(x), also called Swish. */
    SILU("silu"),
    /** x·relu6(x + 3)/6 (MobileNetV3). */
    HARD_SWISH("hard_swish"),
    SIGMOID("sigmoid"),
    TANH("tanh"),
    GELU("gelu"),
    IDENTITY("identity"),
    // new functions go last: the ordinal is a feature of the learned latency predictors (KernelFeatures)
    /** relu6(x + 3)/6, PyTorch's hardsigmoid (MobileNetV3's squeeze-excite gate); not Keras' 0.2·x + 0.5. */
    HARD_SIGMOID("hard_sigmoid");

    private final String id;

    ActivationType(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    /** False only for identity: RAN-i counts non-linear units, and identity lets linear layers merge. */
    public boolean isNonLinear() {
        return this != IDENTITY;
    }

    @JsonCreator
    public static ActivationType fromId(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        if (key.equals("swish")) {
            return SILU;
        }
        for (ActivationType t : values()) {
            if (t.id.equals(key)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + name + "' (allowed: " + allowed() + ")");
    }

    public static String allowed() {
        return Arrays.stream(values()).map(ActivationType::id).collect(Collectors.joining(", "));
    }
}
