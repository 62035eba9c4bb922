package io.hwnas.spark.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.io.Serializable;
import java.util.regex.Pattern;

/**
 * How candidates are spread over executors.
 *
 * @param candidatesPerTask candidates one Spark task evaluates (1 = best balance; more = less
 *     scheduling overhead for cheap candidates)
 * @param batchSize with {@code candidates: N} (random search), points per batch: one Spark job,
 *     logged and recorded after each (0 = all in one batch); strategies set their own batches
 * @param threadsPerTask ND4J threads each task may use, so concurrent tasks on one executor do not
 *     oversubscribe its cores
 * @param candidateTimeout seconds a candidate may run before it is stopped and recorded as failed (0 = the default
 *     derived from its batch, see {@link io.hwnas.spark.exec.TimeLimit})
 * @param pool the FAIR scheduler pool of the sweep's Spark jobs ({@code spark.scheduler.pool}), which shares the
 *     application's executors with other jobs of the same SparkContext; null = Spark's default pool
 */
public record ExecutionSettings(int candidatesPerTask, int batchSize, int threadsPerTask, int candidateTimeout,
                                String pool) implements Serializable {
    /** Longest explicit time limit: a week. */
    public static final int MAX_CANDIDATE_TIMEOUT = 7 * 24 * 3600;
    private static final Pattern POOL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public ExecutionSettings {
        if (candidatesPerTask <= 0) {
            throw new IllegalArgumentException("field 'candidatesPerTask' = " + candidatesPerTask + " must be > 0");
        }
        if (batchSize < 0) {
            throw new IllegalArgumentException("field 'batchSize' = " + batchSize + " must be >= 0 (0 = one batch)");
        }
        if (threadsPerTask <= 0 || threadsPerTask > 256) {
            throw new IllegalArgumentException("field 'threadsPerTask' = " + threadsPerTask + " must be in 1..256");
        }
        if (candidateTimeout < 0 || candidateTimeout > MAX_CANDIDATE_TIMEOUT) {
            throw new IllegalArgumentException("field 'candidateTimeout' = " + candidateTimeout + " must be in 0.."
                    + MAX_CANDIDATE_TIMEOUT + " seconds (0 = derived from the batch's median)");
        }
        if (pool != null && !POOL.matcher(pool).matches()) {
            throw new IllegalArgumentException("field 'pool' = '" + pool + "' must be a pool name of letters, digits, "
                    + "'.', '_' and '-' (at most 64), as in the FAIR scheduler's allocation file");
        }
    }

    @JsonCreator
    static ExecutionSettings fromJson(@JsonProperty("candidatesPerTask") Integer candidatesPerTask,
                                      @JsonProperty("batchSize") Integer batchSize,
                                      @JsonProperty("threadsPerTask") Integer threadsPerTask,
                                      @JsonProperty("candidateTimeout") Integer candidateTimeout,
                                      @JsonProperty("pool") String pool) {
        return new ExecutionSettings(candidatesPerTask == null ? 1 : candidatesPerTask, batchSize == null ? 0 : batchSize,
                threadsPerTask == null ? 1 : threadsPerTask, candidateTimeout == null ? 0 : candidateTimeout, pool);
    }

    public static ExecutionSettings defaults() {
        return new ExecutionSettings(1, 0, 1, 0, null);
    }
}
