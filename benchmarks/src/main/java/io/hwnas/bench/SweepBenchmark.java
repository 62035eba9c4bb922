package io.hwnas.bench;

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
 * this JVM, side by side in one run, and prints the wall-time ratio and DL4J training throughput:
 * whether two concurrent tasks train twice as fast as one. Both arms run twice, alternating, and the
 * second round is reported: in the first the JIT compiler still competes with two busy task threads
 * for the two cores, which a long sweep only sees in its first minute. The Spark session is created
 * before the clock starts, so (a) times evaluation, not Spark's start-up.
 * Usage: {@code scripts/bench-sweep [config.yaml]}.
 */
public final class SweepBenchmark {
    private static final int ROUNDS = 2;

    private SweepBenchmark() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        SweepPlan plan = SweepConfigLoader.loadPlan(Path.of(args.length > 0 ? args[0] : "examples/quickstart.yaml"));
        SweepConfig config = plan.config();
        List<Candidate> candidates = SweepJob.candidates(config);
        CandidateEvaluator evaluator = SweepJob.evaluator(plan);
        int threads = config.execution().threadsPerTask();
        try (SparkSession session = Sessions.create("hwnas-bench", "local[2]")) {
            SparkEvaluator sparkEvaluator = new SparkEvaluator(JavaSparkContext.fromSparkContext(session.sparkContext()),
                    evaluator, config.execution().candidatesPerTask(), threads);
            for (int round = 1; round <= ROUNDS; round++) {
                long t0 = System.nanoTime();
                List<EvaluationResult> spark = sparkEvaluator.evaluate(candidates);
                double sparkSeconds = (System.nanoTime() - t0) / 1e9;
                // the thread cap Spark tasks set, set for the loop too, on purpose rather than by leftover state
                Nd4jThreads.limit(threads);
                long t1 = System.nanoTime();
                List<EvaluationResult> loop = new InProcessEvaluator(evaluator).evaluate(candidates);
                double loopSeconds = (System.nanoTime() - t1) / 1e9;
                if (round == ROUNDS) {
                    report(out, config, spark, sparkSeconds, loop, loopSeconds);
                }
            }
        }
    }

    private static void report(PrintStream out, SweepConfig config, List<EvaluationResult> spark, double sparkSeconds,
                               List<EvaluationResult> loop, double loopSeconds) {
        double samples = loop.stream().mapToLong(EvaluationResult::trainSamples).sum();
        double trainSeconds = loop.stream().mapToDouble(EvaluationResult::trainSeconds).sum();
        double macSamples = loop.stream().mapToDouble(r -> (double) r.macs() * r.trainSamples()).sum();
        double perTask = spark.stream().mapToLong(EvaluationResult::trainSamples).sum()
                / spark.stream().mapToDouble(EvaluationResult::trainSeconds).sum();
        out.printf("candidates                   %d (%d train samples each, %d epoch(s)), round %d of %d%n",
                loop.size(), config.data().trainSamples(), config.training().epochs(), ROUNDS, ROUNDS);
        out.printf("ND4J threads per candidate   %d (both arms)%n", config.execution().threadsPerTask());
        out.printf("(a) Spark local[2] wall      %.1f s%n", sparkSeconds);
        out.printf("(b) in-process loop wall     %.1f s%n", loopSeconds);
        out.printf("ratio (a)/(b)                %.2f%n", sparkSeconds / loopSeconds);
        out.printf("loop training throughput     %.0f samples/s, %.3g forward MAC/s (training costs ~3x forward)%n",
                samples / trainSeconds, macSamples / trainSeconds);
        out.printf("per-task training under Spark %.0f samples/s (two tasks share 2 cores)%n", perTask);
        out.printf("two tasks vs one             %.2fx the loop's training throughput%n",
                2 * perTask / (samples / trainSeconds));
    }
}
