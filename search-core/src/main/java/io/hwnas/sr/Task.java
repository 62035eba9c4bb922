package io.hwnas.sr;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.io.Serializable;

/**
 * What a sweep's networks learn: image classification (the default) or super-resolution. In a config,
 * {@code task: {type: super-resolution, scale: 2, patchSize: 48, loss: l1, input: bicubic-upscaled}}; a config
 * without {@code task} classifies.
 *
 * @param superResolution the super-resolution settings; null for classification
 */
public record Task(@JsonUnwrapped SuperResolution superResolution) implements Serializable {

    public static final Task CLASSIFICATION = new Task(null);

    @JsonIgnore
    public boolean isSuperResolution() {
        return superResolution != null;
    }

    /** The result column a trained candidate's quality is: {@code psnr} for super-resolution, else {@code accuracy}. */
    @JsonIgnore
    public String qualityColumn() {
        return isSuperResolution() ? "psnr" : "accuracy";
    }

    @JsonProperty("type")
    public String type() {
        return isSuperResolution() ? "super-resolution" : "classification";
    }

    @JsonCreator
    static Task fromJson(@JsonProperty("type") String type, @JsonProperty("scale") Integer scale,
                         @JsonProperty("patchSize") Integer patchSize, @JsonProperty("loss") String loss,
                         @JsonProperty("input") String input) {
        if ("classification".equals(type)) {
            if (scale != null || patchSize != null || loss != null || input != null) {
                throw new IllegalArgumentException("field 'task.type' = 'classification' takes no scale, patchSize, "
                        + "loss or input; those are for super-resolution");
            }
            return CLASSIFICATION;
        }
        if (!"super-resolution".equals(type)) {
            throw new IllegalArgumentException("field 'task.type' = '" + type
                    + "' must be classification or super-resolution");
        }
        return new Task(new SuperResolution(scale == null ? 2 : scale, patchSize == null ? 48 : patchSize,
                SuperResolution.loss(loss == null ? "l1" : loss),
                SuperResolution.input(input == null ? "bicubic-upscaled" : input)));
    }
}
