package io.hwnas.spark.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.io.Serializable;

/**
 * How HANT's tasks use an executor's cores.
 *
 * @param threadsPerTask ND4J threads of each distillation and fine-tuning task (many run side by side)
 * @param teacherThreads ND4J threads of the single teacher-training task, which runs alone
 */
public record HantExecution(int threadsPerTask, int teacherThreads) implements Serializable {

    public HantExecution {
        if (threadsPerTask < 1 || threadsPerTask > 256) {
            throw new IllegalArgumentException("field 'threadsPerTask' = " + threadsPerTask + " must be in 1..256");
        }
        if (teacherThreads < 1 || teacherThreads > 256) {
            throw new IllegalArgumentException("field 'teacherThreads' = " + teacherThreads + " must be in 1..256");
        }
    }

    @JsonCreator
    static HantExecution fromJson(@JsonProperty("threadsPerTask") Integer threadsPerTask,
                                  @JsonProperty("teacherThreads") Integer teacherThreads) {
        return new HantExecution(threadsPerTask == null ? 1 : threadsPerTask, teacherThreads == null ? 2 : teacherThreads);
    }

    public static HantExecution defaults() {
        return new HantExecution(1, 2);
    }
}
