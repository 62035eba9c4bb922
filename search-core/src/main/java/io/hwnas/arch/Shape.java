package io.hwnas.arch;

import java.io.Serializable;

/**
 * The shape of one sample's activation (batch dimension excluded). {@code spatial} tensors are
 * CHW feature maps; non-spatial ones are flat vectors of {@code channels} features, with height
 * and width fixed at 1.
 */
public record Shape(int channels, int height, int width, boolean spatial) implements Serializable {

    public Shape {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException(
                    "shape dimensions must be positive, got " + describe(channels, height, width, spatial));
        }
        if (!spatial && (height != 1 || width != 1)) {
            throw new IllegalArgumentException("a flat shape has height = width = 1, got " + height + "x" + width);
        }
    }

    public static Shape image(int channels, int height, int width) {
        return new Shape(channels, height, width, true);
    }

    public static Shape flat(int features) {
        return new Shape(features, 1, 1, false);
    }

    public long elements() {
        return (long) channels * height * width;
    }

    @Override
    public String toString() {
        return describe(channels, height, width, spatial);
    }

    private static String describe(int c, int h, int w, boolean spatial) {
        return spatial ? c + "x" + h + "x" + w : "[" + c + "]";
    }
}
