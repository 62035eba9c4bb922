package io.hwnas.eval;

import java.io.Serializable;

/**
 * How much training one evaluation gets, when a strategy (successive halving) asks for less than
 * the configured amount: the first {@code trainSamples} images of the training subset, for
 * {@code epochs} epochs.
 */
public record Fidelity(int trainSamples, int epochs) implements Serializable {

    public Fidelity {
        if (trainSamples <= 0) {
            throw new IllegalArgumentException("fidelity trainSamples = " + trainSamples + " must be > 0");
        }
        if (epochs <= 0) {
            throw new IllegalArgumentException("fidelity epochs = " + epochs + " must be > 0");
        }
    }

    /** Training images seen, the unit in which rungs are compared. */
    public long samplesSeen() {
        return (long) trainSamples * epochs;
    }
}
