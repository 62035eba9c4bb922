package io.hwnas.hw.measure;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A noise-robust way to time several pieces of work on a shared machine: warm every item up in rounds until its
 * round median stops drifting (JIT, allocator and caches settle), then take {@code repeats} interleaved repeats
 * (each item's repeat is the median of {@code runsPerRepeat} runs, items in a rotated order each round, so a burst
 * of load from elsewhere hits all of them rather than one), and drop leading repeats that still drift.
 *
 * @param warmupRuns runs per item per warm-up round
 * @param maxWarmupRounds warm-up stops here even if still drifting
 * @param driftTolerance relative change of a round median (or of a leading repeat from the rest) counted as drift
 * @param jvmWarmupSeconds how long a JVM runs varied networks before its first timing ({@link JvmWarmUp}); the
 *     callers that time networks run it, this class only times what it is given
 */
public record RepeatProtocol(int warmupRuns, int maxWarmupRounds, double driftTolerance, int repeats,
                             int runsPerRepeat, double jvmWarmupSeconds) implements Serializable {

    public RepeatProtocol {
        if (warmupRuns < 1 || maxWarmupRounds < 1 || repeats < 2 || runsPerRepeat < 1) {
            throw new IllegalArgumentException("warm-up runs and rounds and runs per repeat must be >= 1 and repeats >= 2,"
                    + " got " + warmupRuns + ", " + maxWarmupRounds + ", " + runsPerRepeat + " and " + repeats);
        }
        if (!(jvmWarmupSeconds >= 0 && jvmWarmupSeconds <= 3600)) {
            throw new IllegalArgumentException("JVM warm-up must be 0-3600 s, got " + jvmWarmupSeconds);
        }
        if (!(driftTolerance > 0)) {
            throw new IllegalArgumentException("drift tolerance must be > 0, got " + driftTolerance);
        }
    }

    /**
     * One item's result.
     *
     * @param seconds the median of the kept repeats
     * @param spread (max − min) / median of the kept repeats: the item's repeatability
     * @param kept repeats kept after drift rejection
     * @param warmupRounds warm-up rounds run
     */
    public record Repeats(double seconds, double spread, int kept, int warmupRounds) implements Serializable {
    }

    public List<Repeats> measure(List<Runnable> items) {
        int n = items.size();
        int[] rounds = new int[n];
        for (int i = 0; i < n; i++) {
            rounds[i] = warmUp(items.get(i));
        }
        double[][] values = new double[n][repeats];
        for (int r = 0; r < repeats; r++) {
            for (int k = 0; k < n; k++) {
                int i = (k + r) % n;
                values[i][r] = medianOf(items.get(i), runsPerRepeat);
            }
        }
        List<Repeats> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(summarise(values[i], rounds[i]));
        }
        return out;
    }

    private int warmUp(Runnable item) {
        double previous = medianOf(item, warmupRuns);
        int round = 1;
        while (round < maxWarmupRounds) {
            double current = medianOf(item, warmupRuns);
            round++;
            if (Math.abs(current - previous) <= driftTolerance * previous) {
                break;
            }
            previous = current;
        }
        return round;
    }

    /** Leading repeats further than the tolerance from the median of the ones after them are drift, not signal. */
    Repeats summarise(double[] repeatValues, int warmupRounds) {
        int first = 0;
        while (repeatValues.length - first > 2) {
            double rest = median(Arrays.copyOfRange(repeatValues, first + 1, repeatValues.length));
            if (Math.abs(repeatValues[first] - rest) <= driftTolerance * rest) {
                break;
            }
            first++;
        }
        double[] kept = Arrays.copyOfRange(repeatValues, first, repeatValues.length);
        double median = median(kept);
        double spread = median > 0 ? (Arrays.stream(kept).max().orElseThrow() - Arrays.stream(kept).min().orElseThrow())
                / median : 0;
        return new Repeats(median, spread, kept.length, warmupRounds);
    }

    private static double medianOf(Runnable item, int runs) {
        double[] seconds = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            item.run();
            seconds[i] = (System.nanoTime() - start) * 1e-9;
        }
        return median(seconds);
    }

    public static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
