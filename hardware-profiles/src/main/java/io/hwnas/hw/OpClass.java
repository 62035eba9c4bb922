package io.hwnas.hw;

import com.fasterxml.jackson.annotation.JsonValue;
import io.hwnas.arch.Add;
import io.hwnas.arch.BatchNorm;
import io.hwnas.arch.Conv2d;
import io.hwnas.arch.Dense;
import io.hwnas.arch.DepthwiseConv2d;
import io.hwnas.arch.GlobalPool;
import io.hwnas.arch.Layer;
import io.hwnas.arch.LayerNorm;
import io.hwnas.arch.Multiply;
import io.hwnas.arch.PRelu;
import io.hwnas.arch.Pool2d;
import io.hwnas.arch.Shape;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The op classes a profile gives an efficiency for (algorithms.md §8: "efficiency differs by op"); profiles
 * use the {@link #id()}s as keys of {@code compute.efficiency}. MAC classes are fractions of the peak MAC rate, the
 * last two fractions of {@code compute.elementOpsPerCycle}.
 */
public enum OpClass {
    /** 1×1 dense convolutions. */
    POINTWISE("pointwise", true),
    CONV_3X3("conv3x3", true),
    CONV_5X5("conv5x5", true),
    CONV_7X7("conv7x7", true),
    /** Any other dense (non-depthwise) kernel: 1×3, 3×1, 9×9, … */
    CONV_OTHER("convOther", true),
    /** Depthwise convolutions, including a grouped Conv2d whose groups equal its input channels. */
    DEPTHWISE("depthwise", true),
    /** Fully connected layers. */
    DENSE("dense", true),
    /** Windowed and global pooling. */
    POOLING("pooling", false),
    /** Element-wise work: adds, multiplies, PReLUs and batch-norms that are not folded. */
    ELEMENTWISE("elementwise", false);

    private final String id;
    private final boolean macs;

    OpClass(String id, boolean macs) {
        this.id = id;
        this.macs = macs;
    }

    @JsonValue
    public String id() {
        return id;
    }

    /** True for classes measured against the MAC rate, false for element-op classes. */
    public boolean carriesMacs() {
        return macs;
    }

    /** The class of a layer, or empty for layers no efficiency applies to (activations, concat, flatten, …). */
    public static Optional<OpClass> of(Layer layer, Shape input) {
        if (layer instanceof DepthwiseConv2d) {
            return Optional.of(DEPTHWISE);
        }
        if (layer instanceof Dense) {
            return Optional.of(DENSE);
        }
        if (layer instanceof Conv2d conv) {
            return Optional.of(convClass(conv, input));
        }
        if (layer instanceof Pool2d || layer instanceof GlobalPool) {
            return Optional.of(POOLING);
        }
        if (layer instanceof Add || layer instanceof Multiply || layer instanceof PRelu || layer instanceof BatchNorm
                || layer instanceof LayerNorm) {
            return Optional.of(ELEMENTWISE);
        }
        return Optional.empty();
    }

    private static OpClass convClass(Conv2d conv, Shape input) {
        if (conv.groups() > 1 && conv.groups() == input.channels()) {
            return DEPTHWISE;
        }
        int h = conv.kernel().h();
        if (h != conv.kernel().w()) {
            return CONV_OTHER;
        }
        return switch (h) {
            case 1 -> POINTWISE;
            case 3 -> CONV_3X3;
            case 5 -> CONV_5X5;
            case 7 -> CONV_7X7;
            default -> CONV_OTHER;
        };
    }

    /** Parses an op class id; an unknown one is an error naming the field and the allowed ids. */
    public static OpClass fromId(String field, String value) {
        for (OpClass c : values()) {
            if (c.id.equals(value)) {
                return c;
            }
        }
        throw new DeviceProfileException("field '" + field + "' names unknown op class '" + value + "' (allowed: "
                + allowed() + ")");
    }

    static String allowed() {
        return Arrays.stream(values()).map(OpClass::id).collect(Collectors.joining(", "));
    }
}
