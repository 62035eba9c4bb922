package io.hwnas.sr;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.io.Serializable;

/**
 * What a sweep's networks learn: image classification (the default), super-resolution or detection. In a config,
 * {@code task: {type: super-resolution, scale: 2, patchSize: 48, loss: l1, input: bicubic-upscaled}} or
 * {@code task: {type: detection, canvasSize: 96}}; a config without {@code task} classifies.
 *
 * @param superResolution the super-resolution settings; null for the other tasks
 * @param detection the detection settings; null for the other tasks
 */
public record Task(@JsonUnwrapped SuperResolution superResolution, @JsonUnwrapped DetectionTask detection)
        implements Serializable {

    public static final Task CLASSIFICATION = new Task(null, null);

    /** Not Jackson's creator ({@link #fromJson} is): it cannot take {@code @JsonUnwrapped} parameters. */
    @JsonCreator(mode = JsonCreator.Mode.DISABLED)
    public Task {
        if (superResolution != null && detection != null) {
            throw new IllegalArgumentException("a task is super-resolution or detection, not both");
        }
    }

    @JsonIgnore
    public boolean isSuperResolution() {
        return superResolution != null;
    }

    @JsonIgnore
    public boolean isDetection() {
        return detection != null;
    }

    @JsonIgnore
    public boolean isClassification() {
        return superResolution == null && detection == null;
    }

    /**
     * The result column a trained candidate's quality is: {@code psnr} for super-resolution, {@code map50} for
     * detection (docs/detection.md says why not {@code map50_95}), else {@code accuracy}.
     */
    @JsonIgnore
    public String qualityColumn() {
        return isSuperResolution() ? "psnr" : isDetection() ? "map50" : "accuracy";
    }

    @JsonProperty("type")
    public String type() {
        return isSuperResolution() ? "super-resolution" : isDetection() ? "detection" : "classification";
    }

    @JsonCreator
    static Task fromJson(@JsonProperty("type") String type, @JsonProperty("scale") Integer scale,
                         @JsonProperty("patchSize") Integer patchSize, @JsonProperty("loss") String loss,
                         @JsonProperty("input") String input, @JsonProperty("canvasSize") Integer canvasSize) {
        boolean srFields = scale != null || patchSize != null || loss != null || input != null;
        if ("classification".equals(type)) {
            if (srFields || canvasSize != null) {
                throw new IllegalArgumentException("field 'task.type' = 'classification' takes no scale, patchSize, "
                        + "loss, input or canvasSize; those are for super-resolution and detection");
            }
            return CLASSIFICATION;
        }
        if ("detection".equals(type)) {
            if (srFields) {
                throw new IllegalArgumentException("field 'task.type' = 'detection' takes only canvasSize; scale, "
                        + "patchSize, loss and input are for super-resolution");
            }
            return new Task(null, new DetectionTask(canvasSize == null ? DetectionTask.DEFAULT_CANVAS : canvasSize));
        }
        if (!"super-resolution".equals(type)) {
            throw new IllegalArgumentException("field 'task.type' = '" + type
                    + "' must be classification, super-resolution or detection");
        }
        if (canvasSize != null) {
            throw new IllegalArgumentException("field 'task.type' = 'super-resolution' takes no canvasSize; that is "
                    + "for detection");
        }
        return new Task(new SuperResolution(scale == null ? 2 : scale, patchSize == null ? 48 : patchSize,
                SuperResolution.loss(loss == null ? "l1" : loss),
                SuperResolution.input(input == null ? "bicubic-upscaled" : input)), null);
    }
}
