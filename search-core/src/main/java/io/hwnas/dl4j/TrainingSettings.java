package io.hwnas.dl4j;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.io.Serializable;

/**
 * How briefly each candidate is trained: proxy training, not a full schedule. {@code epochs = 0}
 * means not trained at all, for sweeps ranked by cost and training-free proxies only.
 */
public record TrainingSettings(int epochs, int batchSize, double learningRate) implements Serializable {

    public TrainingSettings {
        if (epochs < 0 || epochs > 1000) {
            throw new IllegalArgumentException("field 'epochs' = " + epochs + " must be in 0..1000 (0 = not trained)");
        }
        if (batchSize <= 0 || batchSize > 65536) {
            throw new IllegalArgumentException("field 'batchSize' = " + batchSize + " must be in 1..65536");
        }
        if (!(learningRate > 0 && learningRate <= 10)) {
            throw new IllegalArgumentException("field 'learningRate' = " + learningRate + " must be in (0, 10]");
        }
    }

    @JsonCreator
    static TrainingSettings fromJson(@JsonProperty("epochs") Integer epochs, @JsonProperty("batchSize") Integer batchSize,
                                     @JsonProperty("learningRate") Double learningRate) {
        return new TrainingSettings(epochs == null ? 1 : epochs, batchSize == null ? 64 : batchSize,
                learningRate == null ? 1e-3 : learningRate);
    }

    public boolean trains() {
        return epochs > 0;
    }

    /** These settings with a strategy's smaller budget: fewer epochs (the image count is the trainer's). */
    public TrainingSettings withEpochs(int epochs) {
        return new TrainingSettings(epochs, batchSize, learningRate);
    }

    public static TrainingSettings defaults() {
        return new TrainingSettings(1, 64, 1e-3);
    }
}
