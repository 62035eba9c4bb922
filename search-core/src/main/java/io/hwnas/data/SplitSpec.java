package io.hwnas.data;

import java.io.Serializable;

/**
 * How many samples to draw for each part of a {@link DatasetSplit}, and the seed that makes the
 * draw repeatable. Training and validation must be non-empty because a search needs both; the
 * test part may be empty when the final evaluation happens elsewhere.
 */
public record SplitSpec(int trainSamples, int validationSamples, int testSamples, long seed) implements Serializable {

    public SplitSpec {
        if (trainSamples < 1) {
            throw new IllegalArgumentException("trainSamples must be >= 1, got " + trainSamples);
        }
        if (validationSamples < 1) {
            throw new IllegalArgumentException("validationSamples must be >= 1, got " + validationSamples);
        }
        if (testSamples < 0) {
            throw new IllegalArgumentException("testSamples must be >= 0, got " + testSamples);
        }
    }
}
