package io.hwnas.bench;

import io.hwnas.eval.Evaluator;
import io.hwnas.eval.InProcessEvaluator;
import io.hwnas.io.BadInputException;
import io.hwnas.io.StrictYaml;
import io.hwnas.search.BatchRecord;
import io.hwnas.search.Search;
import io.hwnas.search.SearchOutcome;
import io.hwnas.spark.SweepJob;
import io.hwnas.spark.config.SweepConfig;
import io.hwnas.spark.config.SweepConfigLoader;
import io.hwnas.spark.config.SweepPlan;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares search strategies by the hypervolume they reach, over several seeds, side by side in one
 * run: every arm runs the same space, evaluation and goal in this JVM (no Spark, so only the
 * strategies differ), and the table gives mean ± standard deviation at a quarter, half and all of
 * each arm's budget, the ratio of means to the baseline arm, and wall time.
 * Usage: {@code scripts/bench-strategies bench/FILE.yaml}.
 */
public final class StrategyBenchmark {

    private StrategyBenchmark() {
    }

    public static void main(String[] args) {
        try {
            run(Path.of(args.length > 0 ? args[0] : "bench/tabular-cost.yaml"));
        } catch (BadInputException bad) {
            System.err.println("hwnas: " + bad.getMessage());
            System.exit(2);
        }
    }

    private static void run(Path file) {
        PrintStream out = System.out;
        StrategyComparison bench = StrictYaml.read(SweepConfigLoader.read(file), StrategyComparison.class,
                file.toString());
        SweepPlan plan = SweepConfigLoader.loadPlan(Path.of(bench.sweep()));
        SweepConfig base = plan.config();
        Evaluator evaluator = plan.tabular() != null ? plan.tabular() : new InProcessEvaluator(SweepJob.evaluator(plan));
        out.printf("%s: space %s (%s points), objectives %s, reference %s, seeds %s%n", file, base.space().type(),
                base.space().size(), plan.goal().objectives(), java.util.Arrays.toString(plan.goal().reference()),
                bench.seeds());

        Map<String, double[]> finals = new LinkedHashMap<>();
        out.printf("%-22s %6s  %-24s %-24s %-24s %8s%n", "arm", "evals", "HV at 1/4 budget", "HV at 1/2 budget",
                "HV at full budget", "wall s");
        for (Map.Entry<String, StrategyComparison.Arm> arm : bench.arms().entrySet()) {
            int budget = arm.getValue().evaluations() == null ? base.evaluations() : arm.getValue().evaluations();
            SummaryStatistics[] at = {new SummaryStatistics(), new SummaryStatistics(), new SummaryStatistics()};
            double[] finalHv = new double[bench.seeds().size()];
            arm.getValue().strategy().check(base.space(), plan.goal(), budget);
            long t0 = System.nanoTime();
            for (int i = 0; i < bench.seeds().size(); i++) {
                long seed = bench.seeds().get(i);
                SearchOutcome o = new Search(base.space(), evaluator, plan.goal(), seed)
                        .run(arm.getValue().strategy().create(base.space(), plan.goal(), seed), budget, null);
                at[0].addValue(hypervolumeAt(o.batches(), budget / 4));
                at[1].addValue(hypervolumeAt(o.batches(), budget / 2));
                finalHv[i] = hypervolumeAt(o.batches(), budget);
                at[2].addValue(finalHv[i]);
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            finals.put(arm.getKey(), finalHv);
            out.printf("%-22s %6d  %-24s %-24s %-24s %8.1f%n", arm.getKey() + " (" + arm.getValue().strategy().type() + ")",
                    budget, meanSd(at[0]), meanSd(at[1]), meanSd(at[2]), wall);
        }
        double baseline = mean(finals.get(bench.baseline()));
        out.printf("%nratio of mean final hypervolume to '%s':%n", bench.baseline());
        finals.forEach((name, hv) -> out.printf("  %-20s %.3f   (per seed: %s)%n", name, mean(hv) / baseline,
                perSeed(hv)));
    }

    /** The hypervolume after the last batch that ended within {@code evaluations} (0 before any). */
    static double hypervolumeAt(List<BatchRecord> batches, int evaluations) {
        double hv = 0;
        for (BatchRecord b : batches) {
            if (b.evaluations() <= evaluations) {
                hv = b.hypervolume();
            }
        }
        return hv;
    }

    private static String meanSd(SummaryStatistics s) {
        return String.format("%.5g ± %.2g", s.getMean(), s.getStandardDeviation());
    }

    private static double mean(double[] v) {
        return java.util.Arrays.stream(v).average().orElse(Double.NaN);
    }

    private static String perSeed(double[] v) {
        List<String> out = new ArrayList<>();
        for (double x : v) {
            out.add(String.format("%.5g", x));
        }
        return String.join(", ", out);
    }
}
