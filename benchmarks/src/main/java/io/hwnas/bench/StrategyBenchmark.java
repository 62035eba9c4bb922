package io.hwnas.bench;

import io.hwnas.eval.Candidate;
import io.hwnas.eval.Evaluator;
import io.hwnas.eval.InProcessEvaluator;
import io.hwnas.io.BadInputException;
import io.hwnas.io.StrictYaml;
import io.hwnas.search.BatchRecord;
import io.hwnas.search.Search;
import io.hwnas.search.SearchOutcome;
import io.hwnas.space.Choice;
import io.hwnas.spark.SweepJob;
import io.hwnas.spark.config.SweepConfig;
import io.hwnas.spark.config.SweepConfigLoader;
import io.hwnas.spark.config.SweepPlan;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.apache.commons.math3.stat.inference.TTest;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares search strategies by the hypervolume they reach, over several seeds, side by side in one
 * run: every arm runs the same space, evaluation and goal in this JVM (no Spark, so only the
 * strategies differ), and the table gives mean ± standard deviation at a quarter, half and all of
 * each arm's budget, the ratio of means to the baseline arm, and wall time.
 *
 * <p>On a table (a tabular space, every point known) the true front is computed from all of it, and each budget
 * also reports the share of the true front's hypervolume reached, the share of the baseline's gap to the true front
 * the arm closes (mean over seeds: (arm − baseline) / (true − baseline)), and Welch's t of the arm against the
 * baseline with its two-sided p.
 * Usage: {@code scripts/bench-strategies bench/FILE.yaml [SWEEP.yaml]}; the optional second argument runs the
 * same arms and seeds on another sweep config (another table) instead of the file's {@code sweep}.
 */
public final class StrategyBenchmark {

    private StrategyBenchmark() {
    }

    public static void main(String[] args) {
        try {
            run(Path.of(args.length > 0 ? args[0] : "bench/tabular-cost.yaml"), args.length > 1 ? args[1] : null);
        } catch (BadInputException bad) {
            System.err.println("hwnas: " + bad.getMessage());
            System.exit(2);
        }
    }

    /** @param sweep a sweep config to run the arms on instead of the file's own (another table), or null */
    private static void run(Path file, String sweep) {
        PrintStream out = System.out;
        StrategyComparison bench = StrictYaml.read(SweepConfigLoader.read(file), StrategyComparison.class,
                file.toString());
        SweepPlan plan = SweepConfigLoader.loadPlan(Path.of(sweep != null ? sweep : bench.sweep()));
        SweepConfig base = plan.config();
        Evaluator evaluator = plan.tabular() != null ? plan.tabular() : new InProcessEvaluator(SweepJob.evaluator(plan));
        out.printf("%s: space %s (%s points), objectives %s, reference %s, seeds %s%n", file, base.space().type(),
                base.space().size(), plan.goal().objectives(), Arrays.toString(plan.goal().reference()),
                bench.seeds());

        double trueHv = plan.tabular() == null ? Double.NaN : trueFrontHypervolume(base, plan);
        if (!Double.isNaN(trueHv)) {
            out.printf("true front (all %s points of the table): hypervolume %.6g%n", base.space().size(), trueHv);
        }
        String[] budgets = {"1/4", "1/2", "full"};
        Map<String, double[][]> hvs = new LinkedHashMap<>();
        out.printf("%-22s %6s  %-24s %-24s %-24s %8s%n", "arm", "evals", "HV at 1/4 budget", "HV at 1/2 budget",
                "HV at full budget", "wall s");
        for (Map.Entry<String, StrategyComparison.Arm> arm : bench.arms().entrySet()) {
            int budget = arm.getValue().evaluations() == null ? base.evaluations() : arm.getValue().evaluations();
            int[] at = {budget / 4, budget / 2, budget};
            double[][] hv = new double[at.length][bench.seeds().size()];
            arm.getValue().strategy().check(base.space(), plan.goal(), budget);
            long t0 = System.nanoTime();
            for (int i = 0; i < bench.seeds().size(); i++) {
                long seed = bench.seeds().get(i);
                SearchOutcome o = new Search(base.space(), evaluator, plan.goal(), seed)
                        .run(arm.getValue().strategy().create(base.space(), plan.goal(), seed), budget, null);
                for (int b = 0; b < at.length; b++) {
                    hv[b][i] = hypervolumeAt(o.batches(), at[b]);
                }
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            hvs.put(arm.getKey(), hv);
            out.printf("%-22s %6d  %-24s %-24s %-24s %8.1f%n", arm.getKey() + " (" + arm.getValue().strategy().type() + ")",
                    budget, meanSd(hv[0]), meanSd(hv[1]), meanSd(hv[2]), wall);
        }
        double[][] baseline = hvs.get(bench.baseline());
        out.printf("%nratio of mean final hypervolume to '%s':%n", bench.baseline());
        hvs.forEach((name, hv) -> out.printf("  %-20s %.3f   (per seed: %s)%n", name,
                mean(hv[2]) / mean(baseline[2]), perSeed(hv[2])));
        if (!Double.isNaN(trueHv)) {
            out.printf("%nagainst the true front and '%s' (share of the true hypervolume; share of %s's gap to the true "
                    + "front closed; Welch t and two-sided p against %s):%n", bench.baseline(), bench.baseline(),
                    bench.baseline());
            out.printf("  %-20s %-6s %10s %12s %9s %9s%n", "arm", "budget", "HV share", "gap closed", "Welch t", "p");
            TTest welch = new TTest();
            hvs.forEach((name, hv) -> {
                for (int b = 0; b < budgets.length; b++) {
                    double gap = trueHv - mean(baseline[b]);
                    boolean same = name.equals(bench.baseline());
                    // the baseline may already sit on the true front, leaving no gap to close
                    out.printf("  %-20s %-6s %9.2f%% %12s %9s %9s%n", name, budgets[b], 100 * mean(hv[b]) / trueHv,
                            gap <= 0 ? "-" : String.format("%.1f%%", 100 * (mean(hv[b]) - mean(baseline[b])) / gap),
                            same ? "-" : String.format("%.2f", welch.t(hv[b], baseline[b])),
                            same ? "-" : String.format("%.3g", welch.tTest(hv[b], baseline[b])));
                }
            });
        }
    }

    /** The hypervolume of the whole table's front: every point of the space, evaluated once. */
    private static double trueFrontHypervolume(SweepConfig base, SweepPlan plan) {
        List<Candidate> all = new ArrayList<>();
        for (Iterator<Choice> it = base.space().enumerate(); it.hasNext(); ) {
            all.add(Candidate.of(base.space(), it.next(), all.size(), 0, base.seed()));
        }
        return plan.goal().hypervolume(plan.tabular().evaluate(all));
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

    private static String meanSd(double[] v) {
        SummaryStatistics s = new SummaryStatistics();
        Arrays.stream(v).forEach(s::addValue);
        return String.format("%.5g ± %.2g", s.getMean(), s.getStandardDeviation());
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(Double.NaN);
    }

    private static String perSeed(double[] v) {
        List<String> out = new ArrayList<>();
        for (double x : v) {
            out.add(String.format("%.5g", x));
        }
        return String.join(", ", out);
    }
}
