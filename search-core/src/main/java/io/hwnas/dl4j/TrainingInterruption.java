package io.hwnas.dl4j;

import java.util.concurrent.CancellationException;

/**
 * The point between minibatches where a training gives up when its thread was interrupted (a Spark task killed for
 * its time limit, or its job cancelled): without it a cancelled candidate would train on to the end, holding the
 * executor's core and memory.
 */
public final class TrainingInterruption {

    private TrainingInterruption() {
    }

    /** @throws CancellationException when this thread was interrupted; the interrupt stays set for the caller */
    public static void check() {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("training interrupted");
        }
    }
}
