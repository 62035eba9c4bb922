package io.hwnas.hant;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.hwnas.dl4j.TrainingSettings;

import java.io.Serializable;

/**
 * How each chosen net is fine-tuned after assembly (HANT phase 3): {@code epochs} over the first
 * {@code trainSamples} training images. {@code epochs = 0} only evaluates the assembled net.
 */
public record FineTuneSettings(int epochs, int batchSize, double learningRate, int trainSamples) implements Serializable {

    public FineTuneSettings {
        new TrainingSettings(epochs, batchSize, learningRate);
        if (trainSamples < 1) {
            throw new IllegalArgumentException("field 'trainSamples' = " + trainSamples + " must be >= 1");
        }
    }

    @JsonCreator
    static FineTuneSettings fromJson(@JsonProperty("epochs") Integer epochs, @JsonProperty("batchSize") Integer batchSize,
                                     @JsonProperty("learningRate") Double learningRate,
                                     @JsonProperty("trainSamples") Integer trainSamples) {
        return new FineTuneSettings(epochs == null ? 1 : epochs, batchSize == null ? 32 : batchSize,
                learningRate == null ? 5e-4 : learningRate, trainSamples == null ? Integer.MAX_VALUE : trainSamples);
    }

    public TrainingSettings training() {
        return new TrainingSettings(epochs, batchSize, learningRate);
    }

    /** One epoch over the whole training subset, batch 32, learning rate 0.0005. */
    public static FineTuneSettings defaults() {
        return fromJson(null, null, null, null);
    }
}
