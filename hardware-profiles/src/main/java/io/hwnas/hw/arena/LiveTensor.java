package io.hwnas.hw.arena;

import java.io.Serializable;
import java.util.Objects;

/**
 * A tensor of the arena and the steps it is live in: from the step that writes it to the last step that reads it,
 * both included (a step's inputs and output are live together while it runs).
 *
 * @param name the node that writes it, or {@code input} for the network input
 */
public record LiveTensor(String name, long bytes, int firstStep, int lastStep) implements Serializable {

    public LiveTensor {
        Objects.requireNonNull(name, "name");
        if (bytes < 1) {
            throw new IllegalArgumentException("tensor '" + name + "': bytes = " + bytes + " must be >= 1");
        }
        if (firstStep < 0 || lastStep < firstStep) {
            throw new IllegalArgumentException("tensor '" + name + "': live steps " + firstStep + ".." + lastStep
                    + " must be a non-empty range from step 0 on");
        }
    }

    /** Whether the two are live at a common step, so they may not share bytes. */
    public boolean overlaps(LiveTensor other) {
        return firstStep <= other.lastStep && other.firstStep <= lastStep;
    }
}
