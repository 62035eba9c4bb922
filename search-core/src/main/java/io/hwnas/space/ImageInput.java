package io.hwnas.space;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.hwnas.arch.Shape;

import java.io.Serializable;

/** The input image size a space builds networks for. */
public record ImageInput(int channels, int height, int width) implements Serializable {

    public ImageInput {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("field 'input' = " + channels + "x" + height + "x" + width
                    + " must have positive channels, height and width");
        }
    }

    @JsonCreator
    static ImageInput fromJson(@JsonProperty("channels") Integer channels, @JsonProperty("height") Integer height,
                               @JsonProperty("width") Integer width) {
        if (channels == null || height == null || width == null) {
            throw new IllegalArgumentException("field 'input' needs channels, height and width");
        }
        return new ImageInput(channels, height, width);
    }

    /** The checks every space makes on the input and class count it builds networks for. */
    static void requireTarget(ImageInput input, int classes) {
        if (input == null) {
            throw new IllegalArgumentException("field 'input' is required");
        }
        if (classes < 2) {
            throw new IllegalArgumentException("field 'classes' = " + classes + " must be >= 2");
        }
    }

    public Shape toShape() {
        return Shape.image(channels, height, width);
    }
}
