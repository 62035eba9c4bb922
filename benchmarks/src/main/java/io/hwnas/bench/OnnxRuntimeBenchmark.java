package io.hwnas.bench;

import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureCounts;
import io.hwnas.arch.zoo.ReferenceNetworks;
import io.hwnas.cost.CostModel;
import io.hwnas.dl4j.Nd4jThreads;
import io.hwnas.hw.measure.InferenceTimer;
import io.hwnas.hw.measure.JvmWarmUp;
import io.hwnas.hw.measure.MeasuredCostModel;
import io.hwnas.hw.measure.OnnxRuntimeCostModel;
import io.hwnas.hw.measure.RepeatProtocol;
import io.hwnas.proxy.RankCorrelation;
import io.hwnas.space.SearchSpace;
import io.hwnas.spark.config.SweepConfigLoader;
import io.hwnas.transform.Collapse;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * How steady the two measured devices are: the same classifiers (reference nets at 28x28 and candidates sampled
 * from example spaces, all deployed; measured mode times classifiers only) timed {@code repeats} times by {@code measured} (DL4J) and by
 * {@code onnxruntime-cpu}, each time a separate estimate exactly as a sweep makes it (graph or export, session,
 * warm-up, median of 30), interleaved net by net and backend by backend so load from elsewhere hits both alike.
 * Per net: each backend's median over the repeats and two spreads, the range (max − min) / median (RepeatProtocol's,
 * at the mercy of one disturbed repeat) and the interquartile range / median; then their means per backend, Kendall τ and Spearman ρ between the two backends' medians, and the mean τ between any two repeats of the
 * same backend (how well one measurement ranks the nets as another does).
 * Usage: {@code scripts/bench-onnxruntime [--repeats 5] [--candidates 2] [--spaces a.yaml,b.yaml] [--threads 1]
 * [--jvm-warmup 20] [--seed 1]}.
 */
public final class OnnxRuntimeBenchmark {
    private static final List<String> ZOO = List.of("resnet18_mini", "mobilenet_v2_mini", "efficientnet_lite0_mini",
            "mobilenet_v3_small_mini", "convnext_t_mini", "resnet50_mini");

    private OnnxRuntimeBenchmark() {
    }

    public static void main(String[] args) {
        int repeats;
        int candidates;
        int threads;
        double jvmWarmup;
        long seed;
        List<String> spaces;
        try {
            Map<String, String> a = BenchArgs.parse(args, Set.of("repeats", "candidates", "spaces", "threads",
                    "jvm-warmup", "seed"));
            repeats = Integer.parseInt(a.getOrDefault("repeats", "5"));
            candidates = Integer.parseInt(a.getOrDefault("candidates", "2"));
            threads = Integer.parseInt(a.getOrDefault("threads", "1"));
            jvmWarmup = Double.parseDouble(a.getOrDefault("jvm-warmup", "20"));
            seed = Long.parseLong(a.getOrDefault("seed", "1"));
            spaces = List.of(a.getOrDefault("spaces", "examples/quickstart.yaml,examples/actnas.yaml").split(","));
            if (repeats < 2 || candidates < 0 || threads < 1 || !(jvmWarmup >= 0)) {
                throw new IllegalArgumentException("hwnas: --repeats " + repeats + ", --candidates " + candidates
                        + ", --threads " + threads + ", --jvm-warmup " + jvmWarmup + ": at least 2, 0, 1 and 0");
            }
        } catch (IllegalArgumentException bad) {
            System.err.println(bad.getMessage().startsWith("hwnas: ") ? bad.getMessage() : "hwnas: " + bad.getMessage());
            System.exit(2);
            return;
        }
        PrintStream out = System.out;
        Nd4jThreads.limit(threads);

        Map<String, Architecture> nets = new LinkedHashMap<>();
        for (String name : ZOO) {
            nets.put(name, Collapse.deployment().apply(ReferenceNetworks.byName(name)).architecture());
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (String file : spaces) {
            SearchSpace space = SweepConfigLoader.load(Path.of(file)).space();
            String stem = Path.of(file).getFileName().toString().replaceFirst("\\.yaml$", "");
            for (int i = 0; i < candidates; i++) {
                nets.put(stem + " #" + i, space.deploy(space.sample(rng)).architecture());
            }
        }
        List<Architecture> list = List.copyOf(nets.values());
        JvmWarmUp.once(JvmWarmUp.sample(list), jvmWarmup, seed);

        List<CostModel> backends = List.of(MeasuredCostModel.standard(), OnnxRuntimeCostModel.standard());
        int n = list.size();
        double[][][] ms = new double[backends.size()][n][repeats];
        long start = System.nanoTime();
        for (int r = 0; r < repeats; r++) {
            for (int k = 0; k < n; k++) {
                int i = (k + r) % n;
                for (int j = 0; j < backends.size(); j++) {
                    int b = (j + r + k) % backends.size();
                    ms[b][i][r] = backends.get(b).estimate(list.get(i)).latencyMs();
                }
            }
        }
        double minutes = (System.nanoTime() - start) * 1e-9 / 60;

        out.printf("%d nets, %d repeats per backend (each a separate estimate: %d warm-up runs, median of %d), %d"
                + " thread(s), JVM warm-up %.0f s; %.1f min%n%n", n, repeats, InferenceTimer.DEFAULT.warmupRuns(),
                InferenceTimer.DEFAULT.runs(), threads, jvmWarmup, minutes);
        out.println("| net | MMACs | DL4J ms | range | IQR | ORT ms | range | IQR | DL4J / ORT |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        double[][] medians = new double[backends.size()][n];
        double[][] ranges = new double[backends.size()][n];
        double[][] iqrs = new double[backends.size()][n];
        for (int i = 0; i < n; i++) {
            for (int b = 0; b < backends.size(); b++) {
                double[] sorted = ms[b][i].clone();
                Arrays.sort(sorted);
                medians[b][i] = RepeatProtocol.median(sorted);
                ranges[b][i] = (sorted[repeats - 1] - sorted[0]) / medians[b][i];
                iqrs[b][i] = (quantile(sorted, 0.75) - quantile(sorted, 0.25)) / medians[b][i];
            }
            out.printf("| %s | %.1f | %.3f | %.0f%% | %.0f%% | %.3f | %.0f%% | %.0f%% | %.2f |%n",
                    new ArrayList<>(nets.keySet()).get(i), ArchitectureCounts.of(list.get(i)).macs() / 1e6,
                    medians[0][i], 100 * ranges[0][i], 100 * iqrs[0][i], medians[1][i], 100 * ranges[1][i],
                    100 * iqrs[1][i], medians[0][i] / medians[1][i]);
        }
        RankCorrelation between = RankCorrelation.of(medians[0], medians[1]);
        out.printf("%n| | DL4J (measured) | ONNX Runtime (onnxruntime-cpu) |%n|---|---:|---:|%n");
        out.printf("| mean range / median of repeats | %.0f%% | %.0f%% |%n", 100 * mean(ranges[0]), 100 * mean(ranges[1]));
        out.printf("| mean IQR / median of repeats | %.1f%% | %.1f%% |%n", 100 * mean(iqrs[0]), 100 * mean(iqrs[1]));
        out.printf("| mean Kendall τ, repeat vs repeat | %.3f | %.3f |%n", repeatTau(ms[0]), repeatTau(ms[1]));
        out.printf("%nbetween the backends' medians: Kendall τ %.3f, Spearman ρ %.3f (n = %d)%n", between.kendallTau(),
                between.spearmanRho(), between.n());
    }

    /** Mean Kendall τ over every pair of repeats, each repeat ranking all nets. */
    private static double repeatTau(double[][] netByRepeat) {
        int repeats = netByRepeat[0].length;
        double sum = 0;
        int pairs = 0;
        for (int r = 0; r < repeats; r++) {
            for (int s = r + 1; s < repeats; s++) {
                sum += RankCorrelation.of(column(netByRepeat, r), column(netByRepeat, s)).kendallTau();
                pairs++;
            }
        }
        return sum / pairs;
    }

    private static double[] column(double[][] rows, int c) {
        return Arrays.stream(rows).mapToDouble(row -> row[c]).toArray();
    }

    /** The q-quantile of sorted values, interpolated linearly between order statistics. */
    private static double quantile(double[] sorted, double q) {
        double at = q * (sorted.length - 1);
        int lo = (int) Math.floor(at);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (at - lo) * (sorted[hi] - sorted[lo]);
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElseThrow();
    }
}
