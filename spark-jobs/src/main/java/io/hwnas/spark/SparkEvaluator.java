package io.hwnas.spark;

import io.hwnas.dl4j.Nd4jThreads;
import io.hwnas.eval.Candidate;
import io.hwnas.eval.CandidateEvaluator;
import io.hwnas.eval.EvaluationResult;
import io.hwnas.eval.Evaluator;
import org.apache.spark.api.java.JavaSparkContext;

import java.util.List;

/**
 * Evaluates a batch on Spark executors: {@code candidatesPerTask} candidates per task, each task
 * limited to {@code threadsPerTask} ND4J threads so concurrent tasks share an executor's cores.
 */
public final class SparkEvaluator implements Evaluator {
    private final JavaSparkContext jsc;
    private final CandidateEvaluator evaluator;
    private final int candidatesPerTask;
    private final int threadsPerTask;

    public SparkEvaluator(JavaSparkContext jsc, CandidateEvaluator evaluator, int candidatesPerTask, int threadsPerTask) {
        this.jsc = jsc;
        this.evaluator = evaluator;
        this.candidatesPerTask = candidatesPerTask;
        this.threadsPerTask = threadsPerTask;
    }

    @Override
    public List<EvaluationResult> evaluate(List<Candidate> candidates) {
        if (candidates.isEmpty()) {
            return List.of();
        }
        int slices = (candidates.size() + candidatesPerTask - 1) / candidatesPerTask;
        CandidateEvaluator task = evaluator;
        int threads = threadsPerTask;
        return jsc.parallelize(candidates, slices).map(c -> {
            Nd4jThreads.limit(threads);
            return task.evaluate(c);
        }).collect();
    }
}
