package io.hwnas.spark.config;

import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How {@code hwnas train-front} trains a finished sweep's front: which front and members, the
 * budget, the distribution over the cluster and the data. Defaults that depend on the sweep (batch
 * size, learning rate, threads, data directory) are filled in from its config before this is built.
 *
 * @param candidates candidate ids of the front to train; empty = every member
 * @param trainSamples training images per epoch, 0 = the whole training file
 * @param testSamples test images to evaluate on, 0 = the whole test file
 * @param workers parallel training tasks, 0 = Spark's default parallelism
 * @param averagingFrequency minibatches each worker fits between two parameter averagings
 * @param threadsPerTask ND4J threads each Spark task may use
 * @param dataPath dataset directory (local path or Hadoop URI) readable by every executor
 * @param force replace an existing {@code final/} directory (only once the new one is complete)
 */
public record FinalTrainingSettings(String front, List<Integer> candidates, int epochs, int trainSamples,
                                    int testSamples, int batchSize, double learningRate, int averagingFrequency,
                                    int workers, int threadsPerTask, String dataPath, boolean force) {

    public static final String DEFAULT_FRONT = "search";
    public static final int DEFAULT_EPOCHS = 3;
    public static final int DEFAULT_AVERAGING_FREQUENCY = 5;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");

    public FinalTrainingSettings {
        if (front == null || !NAME.matcher(front).matches()) {
            throw new IllegalArgumentException("option '--front' = '" + front
                    + "' must name a front file pareto-<name>.csv: letters, digits, _ . - only");
        }
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
        if (new HashSet<>(candidates).size() != candidates.size() || candidates.stream().anyMatch(c -> c < 0)) {
            throw new IllegalArgumentException("option '--candidate' = " + candidates
                    + " must list distinct candidate ids >= 0");
        }
        check("--epochs", epochs, 1, 1000, "");
        check("--train-samples", trainSamples, 0, Integer.MAX_VALUE, " (0 = the whole training file)");
        check("--test-samples", testSamples, 0, Integer.MAX_VALUE, " (0 = the whole test file)");
        check("--batch-size", batchSize, 1, 65536, "");
        if (!(learningRate > 0 && learningRate <= 10)) {
            throw new IllegalArgumentException("option '--learning-rate' = " + learningRate + " must be in (0, 10]");
        }
        check("--averaging-frequency", averagingFrequency, 1, 100_000, "");
        check("--workers", workers, 0, 100_000, " (0 = Spark's default parallelism)");
        check("--threads-per-task", threadsPerTask, 1, 256, "");
        if (dataPath == null || dataPath.isBlank()) {
            throw new IllegalArgumentException("option '--data' must not be empty");
        }
    }

    private static void check(String option, int value, int min, int max, String note) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("option '" + option + "' = " + value + " must be "
                    + (max == Integer.MAX_VALUE ? ">= " + min : "in " + min + ".." + max) + note);
        }
    }
}
