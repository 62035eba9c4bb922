package io.hwnas.spark.exec;

import java.io.Serializable;
import java.util.List;
import java.util.OptionalDouble;

/**
 * How long a candidate may run before it is stopped and recorded as failed. An explicit limit
 * ({@code execution.candidateTimeout}) holds from the first candidate; otherwise, once half the candidates of a batch
 * have finished, the limit is max({@value #MEDIAN_FACTOR} x their median, {@value #FLOOR_SECONDS} s): far beyond any
 * peer, and never so short that a loaded cluster's jitter trips it.
 *
 * @param explicitSeconds the configured limit; 0 = derived from the batch
 */
public record TimeLimit(int explicitSeconds) implements Serializable {
    static final int MEDIAN_FACTOR = 10;
    static final int FLOOR_SECONDS = 60;

    public TimeLimit {
        if (explicitSeconds < 0) {
            throw new IllegalArgumentException("time limit " + explicitSeconds + " s must be >= 0 (0 = derived)");
        }
    }

    /**
     * The limit in seconds for a candidate of a batch of {@code batch} candidates, {@code finishedSeconds} being how
     * long those already finished ran; empty while there is none yet.
     */
    public OptionalDouble seconds(List<Double> finishedSeconds, int batch) {
        if (explicitSeconds > 0) {
            return OptionalDouble.of(explicitSeconds);
        }
        if (finishedSeconds.isEmpty() || 2 * finishedSeconds.size() < batch) {
            return OptionalDouble.empty();
        }
        double[] sorted = finishedSeconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return OptionalDouble.of(Math.max(MEDIAN_FACTOR * median, FLOOR_SECONDS));
    }
}
