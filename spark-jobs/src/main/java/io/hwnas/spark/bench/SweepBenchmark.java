package io.hwnas.spark.bench;

import io.hwnas.dl4j.Nd4jThreads;
import io.hwnas.eval.Candidate;
import io.hwnas.eval.CandidateEvaluator;
import io.hwnas.eval.EvaluationResult;
import io.hwnas.eval.InProcessEvaluator;
import io.hwnas.spark.Sessions;
import io.hwnas.spark.SparkEvaluator;
import io.hwnas.spark.SweepJob;
import io.hwnas.spark.config.SweepConfig;
import io.hwnas.spark.config.SweepConfigLoader;
import io.hwnas.spark.config.SweepPlan;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs the same candidates (a) through the Spark evaluator on local[2] and (b) in a plain loop in
 * this JVM, side by side in one run, and prints the wall-time ratio and DL4J training throughput.
 * Usage: {@code scripts/bench-sweep [config.yaml]}.
 */
public final class SweepBenchmark {
    private SweepBenchmark() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        SweepPlan plan = SweepConfigLoader.loadPlan(Path.of(args.length > 0 ? args[0] : "examples/quickstart.yaml"));
        SweepConfig config = plan.config();
        List<Candidate> candidates = SweepJob.candidates(config);
        CandidateEvaluator evaluator = SweepJob.evaluator(plan);
        evaluator.evaluate(candidates.get(0)); // JIT and native libraries warm for both arms

        long t0 = System.nanoTime();
        List<EvaluationResult> spark;
        try (SparkSession session = Sessions.create("hwnas-bench", "local[2]")) {
            spark = new SparkEvaluator(JavaSparkContext.fromSparkContext(session.sparkContext()), evaluator,
                    config.execution().candidatesPerTask(), config.execution().threadsPerTask()).evaluate(candidates);
        }
        double sparkSeconds = (System.nanoTime() - t0) / 1e9;

        // ND4J's thread cap is JVM-wide and Spark tasks set it; set it for the loop too so both arms
        // run with the same threads per candidate, on purpose rather than by leftover state
        Nd4jThreads.limit(config.execution().threadsPerTask());
        long t1 = System.nanoTime();
        List<EvaluationResult> loop = new InProcessEvaluator(evaluator).evaluate(candidates);
        double loopSeconds = (System.nanoTime() - t1) / 1e9;

        double samples = loop.stream().mapToLong(EvaluationResult::trainSamples).sum();
        double trainSeconds = loop.stream().mapToDouble(EvaluationResult::trainSeconds).sum();
        double macSamples = loop.stream().mapToDouble(r -> (double) r.macs() * r.trainSamples()).sum();
        double sparkTrainSeconds = spark.stream().mapToDouble(EvaluationResult::trainSeconds).sum();
        out.printf("candidates                   %d (%d train samples each, %d epoch(s))%n", candidates.size(),
                config.data().trainSamples(), config.training().epochs());
        out.printf("ND4J threads per candidate   %d (both arms)%n", config.execution().threadsPerTask());
        out.printf("(a) Spark local[2] wall      %.1f s%n", sparkSeconds);
        out.printf("(b) in-process loop wall     %.1f s%n", loopSeconds);
        out.printf("ratio (a)/(b)                %.2f%n", sparkSeconds / loopSeconds);
        out.printf("loop training throughput     %.0f samples/s, %.3g forward MAC/s (training costs ~3x forward)%n",
                samples / trainSeconds, macSamples / trainSeconds);
        out.printf("per-task training under Spark %.0f samples/s (two tasks share 2 cores)%n",
                spark.stream().mapToLong(EvaluationResult::trainSamples).sum() / sparkTrainSeconds);
    }
}
