package io.hwnas.space;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a RAN-e block position may become (shared/docs/algorithms.md §4, §5). Configs and result
 * files use the lower-case {@link #id()}. On a base whose blocks squeeze and excite (MobileNetV3,
 * EfficientNet-B0), {@code mbconv} and {@code fused} keep a block's SE branch and their {@code -no-se}
 * twins remove it; {@code regular} and {@code linear} never carry one (RAN-e's collapsed block is a
 * plain dense conv, with no expanded map for an SE to gate).
 */
public enum RanEOption {
    /** Keep the inverted residual as the base net has it. */
    MBCONV("mbconv"),
    /** RAN-e's collapsed block: BN → act → dense 3×3 conv → BN. */
    REGULAR("regular"),
    /** The collapsed block trained as a collapsible linear block (3×3 expand → 1×1 project); deploys as REGULAR. */
    LINEAR("linear"),
    /** The MBConv without the activation after its expansion, so expand and depthwise merge into one dense conv. */
    FUSED("fused"),
    /** The MBConv with its squeeze-excite branch (pool → fc → act → fc → gate → multiply) removed; SE blocks only. */
    MBCONV_NO_SE("mbconv-no-se"),
    /** {@link #FUSED} with the squeeze-excite branch removed; SE blocks with an expansion only. */
    FUSED_NO_SE("fused-no-se");

    private final String id;

    RanEOption(String id) {
        this.id = id;
    }

    /** Whether the option merges the block's expansion into its depthwise (needs an expansion). */
    public boolean fuses() {
        return this == FUSED || this == FUSED_NO_SE;
    }

    /** Whether the option is offered only where the base block squeezes and excites, to remove that. */
    public boolean removesSqueezeExcite() {
        return this == MBCONV_NO_SE || this == FUSED_NO_SE;
    }

    @JsonValue
    public String id() {
        return id;
    }

    /**
     * @param field the config field the value came from, for the message
     * @throws IllegalArgumentException naming the field, the value and the allowed ids
     */
    public static RanEOption fromId(String field, String value) {
        String key = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        for (RanEOption o : values()) {
            if (o.id.equals(key)) {
                return o;
            }
        }
        throw new IllegalArgumentException("field '" + field + "' contains '" + value + "' (allowed: " + allowed() + ")");
    }

    public static String allowed() {
        return Arrays.stream(values()).map(RanEOption::id).collect(Collectors.joining(", "));
    }
}
