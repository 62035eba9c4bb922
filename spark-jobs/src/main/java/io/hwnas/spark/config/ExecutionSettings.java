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
 */
public record ExecutionSettings(int candidatesPerTask, int batchSize, int threadsPerTask) implements Serializable {

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
    }

    @JsonCreator
    static ExecutionSettings fromJson(@JsonProperty("candidatesPerTask") Integer candidatesPerTask,
                                      @JsonProperty("batchSize") Integer batchSize,
                                      @JsonProperty("threadsPerTask") Integer threadsPerTask) {
        return new ExecutionSettings(candidatesPerTask == null ? 1 : candidatesPerTask, batchSize == null ? 0 : batchSize,
                threadsPerTask == null ? 1 : threadsPerTask);
    }

    public static ExecutionSettings defaults() {
        return new ExecutionSettings(1, 0, 1);
    }
}
