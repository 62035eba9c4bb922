package io.hwnas.bench;

import io.hwnas.arch.Architecture;
import io.hwnas.arch.zoo.MobileNets;
import io.hwnas.hw.AnalyticalCostModel;
import io.hwnas.hw.NetworkWork;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.function.LongUnaryOperator;

/**
 * How many analytical estimates per second one core makes for MobileNetV2 (152 nodes, 300 M MACs), side by
 * side in one run: (a) from the architecture (graph walk + arithmetic, what a sweep does per candidate and
 * device), (b) from a precomputed {@link NetworkWork} (each further device of the same candidate, and every
 * calibration step), (c) building the architecture too (a candidate decoded from scratch).
 * Usage: {@code scripts/bench-estimate [seconds per measurement]}.
 */
public final class EstimateBenchmark {
    private static volatile double sink;

    private EstimateBenchmark() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2;
        Architecture net = MobileNets.mobileNetV2();
        AnalyticalCostModel model = AnalyticalCostModel.forDevice("ethos-u55-128");
        NetworkWork work = NetworkWork.of(net);
        out.printf("MobileNetV2: %d nodes; one thread; %.0f s per measurement, median of 5%n", net.nodes().size(), seconds);
        double fromArch = rate(seconds, n -> {
            for (long i = 0; i < n; i++) {
                sink += model.estimate(net).latencySeconds();
            }
            return n;
        });
        double fromWork = rate(seconds, n -> {
            for (long i = 0; i < n; i++) {
                sink += model.estimate(work).latencySeconds();
            }
            return n;
        });
        double fromScratch = rate(seconds, n -> {
            for (long i = 0; i < n; i++) {
                sink += model.estimate(MobileNets.mobileNetV2()).latencySeconds();
            }
            return n;
        });
        out.printf("(a) estimate(architecture):          %,12.0f estimates/s (%.2f µs each)%n", fromArch, 1e6 / fromArch);
        out.printf("(b) estimate(precomputed work):      %,12.0f estimates/s (%.2f µs each)%n", fromWork, 1e6 / fromWork);
        out.printf("(c) build architecture + estimate:   %,12.0f estimates/s (%.2f µs each)%n", fromScratch,
                1e6 / fromScratch);
        out.printf("ratios: b/a = %.1f, a/c = %.1f; goal >= 100,000/s: (a) %s%n", fromWork / fromArch,
                fromArch / fromScratch, fromArch >= 100_000 ? "met" : "NOT met");
    }

    /** Median over 5 measurements of operations per second, after one untimed warm-up of the same length. */
    private static double rate(double seconds, LongUnaryOperator batch) {
        long n = 1;
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < deadline) {
            batch.applyAsLong(n);
            n = Math.min(n * 2, 1 << 16);
        }
        double[] rates = new double[5];
        for (int r = 0; r < rates.length; r++) {
            long done = 0;
            long start = System.nanoTime();
            long end = start + (long) (seconds * 1e9);
            while (System.nanoTime() < end) {
                done += batch.applyAsLong(n);
            }
            rates[r] = done / ((System.nanoTime() - start) * 1e-9);
        }
        Arrays.sort(rates);
        return rates[2];
    }
}
