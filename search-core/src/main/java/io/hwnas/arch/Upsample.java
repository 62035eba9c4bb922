package io.hwnas.arch;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.List;
import java.util.Locale;

/**
 * Spatial upsampling by an integer factor: C×H×W → C×sH×sW, each input pixel repeated s×s times (nearest
 * neighbour, PyTorch {@code nn.Upsample(scale_factor=s, mode="nearest")}). Pure data movement: no MACs, one
 * element op per output element.
 *
 * <p>Only nearest: DL4J 1.0.0-M2's {@code Upsampling2D} is nearest-only, and it has no bilinear resize layer
 * with a gradient, so a bilinear upsample could be counted but never trained; it is refused here rather than
 * at training time.
 */
public record Upsample(int scale, Mode mode) implements Layer {

    /** Interpolation modes; JSON uses the lower-case id. */
    public enum Mode {
        NEAREST;

        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Mode fromId(String id) {
            if ("nearest".equals(id)) {
                return NEAREST;
            }
            throw new IllegalArgumentException("field 'mode' = " + id + " is not supported (allowed: nearest; DL4J "
                    + "1.0.0-M2 has no bilinear upsampling that trains)");
        }
    }

    public Upsample {
        Inputs.required("mode", mode);
        if (scale < 2) {
            throw new IllegalArgumentException("field 'scale' = " + scale + " must be >= 2");
        }
    }

    @JsonCreator
    static Upsample fromJson(@JsonProperty("scale") Integer scale, @JsonProperty("mode") Mode mode) {
        return new Upsample(Inputs.required("scale", scale), Inputs.orDefault(mode, Mode.NEAREST));
    }

    public static Upsample nearest(int scale) {
        return new Upsample(scale, Mode.NEAREST);
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = Inputs.singleSpatial(inputs);
        return Shape.image(in.channels(), in.height() * scale, in.width() * scale);
    }

    @Override
    public long elementOps(List<Shape> inputs, Shape output) {
        return output.elements();
    }
}
