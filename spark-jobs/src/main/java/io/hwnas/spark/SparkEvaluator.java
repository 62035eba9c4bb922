package io.hwnas.spark;

import io.hwnas.dl4j.Nd4jThreads;
import io.hwnas.eval.Candidate;
import io.hwnas.eval.CandidateEvaluator;
import io.hwnas.eval.EvaluationResult;
import io.hwnas.eval.Evaluator;
import io.hwnas.spark.exec.CandidateJobs;
import io.hwnas.spark.exec.MemoryCheck;
import io.hwnas.spark.exec.TimeLimit;
import org.apache.spark.api.java.JavaSparkContext;

import java.io.Serializable;
import java.util.List;

/**
 * Evaluates a batch on Spark executors: {@code candidatesPerTask} candidates per task, each task
 * limited to {@code threadsPerTask} ND4J threads so concurrent tasks share an executor's cores. Each task is a job
 * of its own ({@link CandidateJobs}), so a candidate that is refused for memory, lost with its executor or over its
 * time limit fails alone and the batch goes on.
 */
public final class SparkEvaluator implements Evaluator {
    private final JavaSparkContext jsc;
    private final CandidateWork work;
    private final int candidatesPerTask;
    private final int threadsPerTask;
    private final MemoryCheck memory;
    private final TimeLimit timeLimit;

    /** The work done for one candidate on an executor. */
    @FunctionalInterface
    public interface CandidateWork extends Serializable {
        EvaluationResult evaluate(Candidate candidate);
    }

    /** No memory check, and the time limit derived from each batch. */
    public SparkEvaluator(JavaSparkContext jsc, CandidateEvaluator evaluator, int candidatesPerTask, int threadsPerTask) {
        this(jsc, evaluator::evaluate, candidatesPerTask, threadsPerTask, MemoryCheck.NONE, new TimeLimit(0));
    }

    public SparkEvaluator(JavaSparkContext jsc, CandidateWork work, int candidatesPerTask, int threadsPerTask,
                          MemoryCheck memory, TimeLimit timeLimit) {
        this.jsc = jsc;
        this.work = work;
        this.candidatesPerTask = candidatesPerTask;
        this.threadsPerTask = threadsPerTask;
        this.memory = memory;
        this.timeLimit = timeLimit;
    }

    @Override
    public List<EvaluationResult> evaluate(List<Candidate> candidates) {
        if (candidates.isEmpty()) {
            return List.of();
        }
        CandidateWork task = work;
        int threads = threadsPerTask;
        return new CandidateJobs(jsc, memory, timeLimit).run(candidates, candidatesPerTask,
                rdd -> rdd.map(c -> {
                    Nd4jThreads.limit(threads);
                    return task.evaluate(c);
                }));
    }
}
