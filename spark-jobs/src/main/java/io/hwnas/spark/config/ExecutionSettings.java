package io.hwnas.spark.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.io.Serializable;

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
 */
public record ExecutionSettings(int candidatesPerTask, int batchSize, int threadsPerTask, int candidateTimeout)
        implements Serializable {
    /** Longest explicit time limit: a week. */
    public static final int MAX_CANDIDATE_TIMEOUT = 7 * 24 * 3600;

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
    }

    @JsonCreator
    static ExecutionSettings fromJson(@JsonProperty("candidatesPerTask") Integer candidatesPerTask,
                                      @JsonProperty("batchSize") Integer batchSize,
                                      @JsonProperty("threadsPerTask") Integer threadsPerTask,
                                      @JsonProperty("candidateTimeout") Integer candidateTimeout) {
        return new ExecutionSettings(candidatesPerTask == null ? 1 : candidatesPerTask, batchSize == null ? 0 : batchSize,
                threadsPerTask == null ? 1 : threadsPerTask, candidateTimeout == null ? 0 : candidateTimeout);
    }

    public static ExecutionSettings defaults() {
        return new ExecutionSettings(1, 0, 1, 0);
    }
}
