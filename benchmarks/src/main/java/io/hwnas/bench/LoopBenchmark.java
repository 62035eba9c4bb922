package io.hwnas.bench;

import io.hwnas.dl4j.Nd4jThreads;
import io.hwnas.eval.Candidate;
import io.hwnas.eval.EvaluationResult;
import io.hwnas.eval.InProcessEvaluator;
import io.hwnas.spark.SweepJob;
import io.hwnas.spark.config.SweepConfig;
import io.hwnas.spark.config.SweepConfigLoader;
import io.hwnas.spark.config.SweepPlan;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The in-process arm of {@code scripts/bench-cluster}: a config's random-search candidates evaluated one
 * after another in this JVM with no Spark at all. Cold on purpose (no warm-up candidate, unlike
 * {@link SweepBenchmark}), because every executor of a cluster run starts cold too. Prints one
 * machine-readable line: {@code loop <candidates> <ok> <seconds>}.
 */
public final class LoopBenchmark {
    private LoopBenchmark() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: LoopBenchmark CONFIG (got " + args.length + " arguments)");
        }
        PrintStream out = System.out;
        SweepPlan plan = SweepConfigLoader.loadPlan(Path.of(args[0]));
        SweepConfig config = plan.config();
        List<Candidate> candidates = SweepJob.candidates(config);
        // the thread cap a Spark task would set, so both arms train each candidate with the same threads
        Nd4jThreads.limit(config.execution().threadsPerTask());
        long t0 = System.nanoTime();
        List<EvaluationResult> results = new InProcessEvaluator(SweepJob.evaluator(plan)).evaluate(candidates);
        double seconds = (System.nanoTime() - t0) / 1e9;
        out.printf("loop %d %d %.3f%n", results.size(), results.stream().filter(EvaluationResult::ok).count(), seconds);
    }
}
