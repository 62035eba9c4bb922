package io.hwnas.hw;

import io.hwnas.arch.Conv2d;
import io.hwnas.arch.Dense;
import io.hwnas.arch.DepthwiseConv2d;
import io.hwnas.arch.Layer;
import io.hwnas.arch.Shape;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The MAC-carrying op classes a profile gives an efficiency for (algorithms.md §8: "efficiency differs by
 * op"). Profiles use the {@link #id()}s as keys of {@code efficiency}. A later, finer profile format may
 * key efficiencies by shape as well; this is the coarse first cut.
 */
public enum OpClass {
    CONV_1X1("conv1x1"),
    CONV_3X3("conv3x3"),
    /** Any other dense (non-depthwise) kernel: 5×5, 7×7, 1×3, … */
    CONV_OTHER("convOther"),
    /** Depthwise convolutions, including a grouped Conv2d whose groups equal its input channels. */
    DEPTHWISE("depthwise"),
    /** Fully connected layers. */
    DENSE("dense");

    private final String id;

    OpClass(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The class of a MAC-carrying layer, or empty for layers without MACs. */
    public static Optional<OpClass> of(Layer layer, Shape input) {
        if (layer instanceof DepthwiseConv2d) {
            return Optional.of(DEPTHWISE);
        }
        if (layer instanceof Dense) {
            return Optional.of(DENSE);
        }
        if (layer instanceof Conv2d conv) {
            if (conv.groups() > 1 && conv.groups() == input.channels()) {
                return Optional.of(DEPTHWISE);
            }
            if (conv.kernel().h() == 1 && conv.kernel().w() == 1) {
                return Optional.of(CONV_1X1);
            }
            if (conv.kernel().h() == 3 && conv.kernel().w() == 3) {
                return Optional.of(CONV_3X3);
            }
            return Optional.of(CONV_OTHER);
        }
        return Optional.empty();
    }

    static OpClass fromId(String field, String value) {
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
