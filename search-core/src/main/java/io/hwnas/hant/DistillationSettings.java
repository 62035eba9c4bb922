package io.hwnas.hant;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.io.Serializable;

/**
 * How each (layer, op) pair is distilled: on the first {@code trainImages} of the training subset, for
 * {@code steps} Adam steps of {@code batchSize} images, scored on the first {@code validationImages} of the
 * validation subset.
 */
public record DistillationSettings(int trainImages, int validationImages, int steps, int batchSize, double learningRate)
        implements Serializable {

    public DistillationSettings {
        if (trainImages < 1) {
            throw new IllegalArgumentException("field 'trainImages' = " + trainImages + " must be >= 1");
        }
        if (validationImages < 1) {
            throw new IllegalArgumentException("field 'validationImages' = " + validationImages + " must be >= 1");
        }
        if (steps < 1 || steps > 1_000_000) {
            throw new IllegalArgumentException("field 'steps' = " + steps + " must be in 1..1000000");
        }
        if (batchSize < 1 || batchSize > trainImages) {
            throw new IllegalArgumentException("field 'batchSize' = " + batchSize + " must be in 1..trainImages ("
                    + trainImages + ")");
        }
        if (!(learningRate > 0 && learningRate <= 1)) {
            throw new IllegalArgumentException("field 'learningRate' = " + learningRate + " must be in (0, 1]");
        }
    }

    @JsonCreator
    static DistillationSettings fromJson(@JsonProperty("trainImages") Integer trainImages,
                                         @JsonProperty("validationImages") Integer validationImages,
                                         @JsonProperty("steps") Integer steps, @JsonProperty("batchSize") Integer batchSize,
                                         @JsonProperty("learningRate") Double learningRate) {
        return new DistillationSettings(trainImages == null ? 1024 : trainImages,
                validationImages == null ? 256 : validationImages, steps == null ? 300 : steps,
                batchSize == null ? 32 : batchSize, learningRate == null ? 2e-3 : learningRate);
    }

    /** 1,024 training and 256 validation images, 300 steps of 32, learning rate 0.002. */
    public static DistillationSettings defaults() {
        return fromJson(null, null, null, null, null);
    }
}
