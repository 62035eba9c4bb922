package io.hwnas.hw.measure;

import java.io.Serializable;

/**
 * Times a piece of work the way latency is measured on devices: some untimed warm-up runs (JIT, caches,
 * ND4J workspaces), then {@code runs} timed runs, reported by their median.
 */
public record InferenceTimer(int warmupRuns, int runs) implements Serializable {

    /** DL4J at batch 1 keeps speeding up for the first few dozen runs (JIT, allocator), hence the long warm-up. */
    public static final InferenceTimer DEFAULT = new InferenceTimer(40, 30);

    public InferenceTimer {
        if (warmupRuns < 0) {
            throw new IllegalArgumentException("field 'warmupRuns' = " + warmupRuns + " must be >= 0");
        }
        if (runs < 1) {
            throw new IllegalArgumentException("field 'runs' = " + runs + " must be >= 1");
        }
    }

    public Timing time(Runnable work) {
        for (int i = 0; i < warmupRuns; i++) {
            work.run();
        }
        double[] seconds = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            work.run();
            seconds[i] = (System.nanoTime() - start) * 1e-9;
        }
        return Timing.of(seconds);
    }
}
