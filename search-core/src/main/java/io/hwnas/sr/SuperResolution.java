package io.hwnas.sr;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonValue;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Locale;

/**
 * How a super-resolution task is set up: the upscaling factor, the size of the high-resolution training patches,
 * the training loss, and what the network is fed.
 *
 * @param scale the upscaling factor: 2 or 4
 * @param patchSize side of the square high-resolution training patches, a multiple of {@code scale}
 */
public record SuperResolution(int scale, int patchSize, Loss loss, Input input) implements Serializable {

    /** Patches no bigger than this: a patch is one training sample, held in memory per batch. */
    public static final int MAX_PATCH = 512;

    /** The per-pixel training loss. */
    public enum Loss {
        L1, MSE;

        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What the network is fed, and so what its input shape is. */
    public enum Input {
        /** The low-resolution image; the net upsamples it itself (SESR, FSRCNN). */
        LOW_RESOLUTION,
        /** The low-resolution image bicubic-upscaled to the high-resolution size (SRCNN, VDSR): same-size convs. */
        BICUBIC_UPSCALED;

        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public SuperResolution {
        if (scale != 2 && scale != 4) {
            throw new IllegalArgumentException("field 'task.scale' = " + scale + " must be 2 or 4");
        }
        if (patchSize < scale * 4 || patchSize > MAX_PATCH || patchSize % scale != 0) {
            throw new IllegalArgumentException("field 'task.patchSize' = " + patchSize + " must be a multiple of the "
                    + "scale " + scale + " in " + scale * 4 + ".." + MAX_PATCH);
        }
        if (loss == null || input == null) {
            throw new IllegalArgumentException("fields 'task.loss' and 'task.input' are required");
        }
    }

    /** The side of the patch the network is fed. */
    @JsonIgnore
    public int inputPatchSize() {
        return input == Input.LOW_RESOLUTION ? patchSize / scale : patchSize;
    }

    static Loss loss(String id) {
        return Arrays.stream(Loss.values()).filter(l -> l.id().equals(id)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("field 'task.loss' = '" + id + "' must be l1 or mse"));
    }

    static Input input(String id) {
        return Arrays.stream(Input.values()).filter(i -> i.id().equals(id)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("field 'task.input' = '" + id + "' must be low-resolution or bicubic-upscaled"));
    }
}
