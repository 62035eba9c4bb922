package io.hwnas.spark.exec;

import io.hwnas.dl4j.TrainingMemory;
import io.hwnas.eval.Candidate;

import java.io.Serializable;
import java.util.Optional;

/**
 * Refuses, before it is sent anywhere, a candidate whose training cannot fit in what one task may use on an executor
 * ({@link TrainingMemory} against {@link ExecutorMemory}): it would otherwise take the executor down with it, and
 * the next executor Spark retried it on.
 */
public interface MemoryCheck extends Serializable {

    /** Why the candidate must not start, in one line; empty when it may. */
    Optional<String> refusal(Candidate candidate);

    /** Lets every candidate start (nothing trained, or a caller that checks nothing). */
    MemoryCheck NONE = candidate -> Optional.empty();

    /** Candidates trained at {@code batchSize} against {@code memory}. */
    static MemoryCheck training(int batchSize, ExecutorMemory memory) {
        return candidate -> {
            if (candidate.architecture() == null) {
                return Optional.empty();
            }
            TrainingMemory need = TrainingMemory.of(candidate.architecture(), batchSize);
            if (need.bytes() <= memory.perTaskBytes()) {
                return Optional.empty();
            }
            return Optional.of("memory: training at batch " + batchSize + " needs about " + need.describe()
                    + " off-heap, above the " + TrainingMemory.size(memory.perTaskBytes()) + " a task may use ("
                    + memory.source() + ", " + memory.slots() + " task(s) per executor); not started");
        };
    }
}
