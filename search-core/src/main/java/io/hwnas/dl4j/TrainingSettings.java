package io.hwnas.dl4j;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.io.Serializable;

/**
 * How briefly each candidate is trained: proxy training, not a full schedule. {@code epochs = 0}
 * means not trained at all, for sweeps ranked by cost and training-free proxies only.
 *
 * @param repeats how many times each candidate is trained, each time with its own seed derived from the
 *     candidate's; its accuracy is the mean and its standard error includes the spread between the seeds
 */
public record TrainingSettings(int epochs, int batchSize, double learningRate, int repeats) implements Serializable {

    /** Most repeats allowed: beyond this the seed spread is known far better than the validation set's noise. */
    public static final int MAX_REPEATS = 100;

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
        if (repeats < 1 || repeats > MAX_REPEATS) {
            throw new IllegalArgumentException("field 'repeats' = " + repeats + " must be in 1.." + MAX_REPEATS
                    + " (trainings per candidate, each with its own seed)");
        }
    }

    /** One training per candidate. */
    public TrainingSettings(int epochs, int batchSize, double learningRate) {
        this(epochs, batchSize, learningRate, 1);
    }

    @JsonCreator
    static TrainingSettings fromJson(@JsonProperty("epochs") Integer epochs, @JsonProperty("batchSize") Integer batchSize,
                                     @JsonProperty("learningRate") Double learningRate,
                                     @JsonProperty("repeats") Integer repeats) {
        return new TrainingSettings(epochs == null ? 1 : epochs, batchSize == null ? 64 : batchSize,
                learningRate == null ? 1e-3 : learningRate, repeats == null ? 1 : repeats);
    }

    public boolean trains() {
        return epochs > 0;
    }

    /** These settings with a strategy's smaller budget: fewer epochs (the image count is the trainer's). */
    public TrainingSettings withEpochs(int epochs) {
        return new TrainingSettings(epochs, batchSize, learningRate, repeats);
    }

    public static TrainingSettings defaults() {
        return new TrainingSettings(1, 64, 1e-3);
    }
}
