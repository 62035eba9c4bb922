package io.hwnas.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.OperatingSystemMXBean;
import io.hwnas.pareto.Objective;
import io.hwnas.pareto.ParetoFront;
import io.hwnas.spark.Sessions;
import io.hwnas.spark.SweepJob;
import io.hwnas.spark.config.SweepConfigLoader;
import io.hwnas.spark.config.SweepPlan;
import org.apache.spark.sql.SparkSession;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Scale (issue 23), one measurement per JVM so each starts clean:
 * <ul>
 *   <li>{@code front}: {@link ParetoFront#nonDominated} of 10⁶ random points, two and three objectives (best of 5
 *   after a warm-up);</li>
 *   <li>{@code sweep N DIR}: a random-search tabular sweep of N evaluations (batches of 1,000) over a generated
 *   table of 10⁶ points (written to DIR once), the whole sweep as {@code hwnas sweep} runs it: lookups, journal,
 *   streamed results.csv/results.parquet, fronts, run.json and the report. Prints the wall time and the driver's
 *   heap: the largest heap occupancy right after a garbage collection (what the run kept alive, plus old garbage
 *   not yet collected), under whatever {@code -Xmx} the script gives (2 GB).</li>
 * </ul>
 * The table's loading (half a minute for 10⁶ rows) is timed apart from the sweep; the report, which shares the loaded
 * table, is part of the sweep. Wall and CPU time are both printed: on a shared machine the first includes waiting.
 * Usage: {@code scripts/bench-scale}.
 */
public final class ScaleBenchmark {
    private static final int TABLE_DIMENSIONS = 6;
    private static final int OPTIONS = 10;   // 10⁶ points
    private static final int BATCH = 1_000;

    private ScaleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        switch (args.length > 0 ? args[0] : "") {
            case "front" -> front();
            case "sweep" -> sweep(Integer.parseInt(args[1]), Path.of(args[2]));
            default -> throw new IllegalArgumentException("usage: ScaleBenchmark front | sweep N DIR");
        }
    }

    private static void front() {
        SplittableRandom random = new SplittableRandom(1);
        int n = 1_000_000;
        for (int k = 2; k <= 3; k++) {
            List<double[]> points = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                double[] p = new double[k];
                for (int j = 0; j < k; j++) {
                    p[j] = random.nextDouble();
                }
                points.add(p);
            }
            List<Objective> objectives = new ArrayList<>();
            for (int j = 0; j < k; j++) {
                objectives.add(j == 0 ? Objective.maximize("o0") : Objective.minimize("o" + j));
            }
            ParetoFront.nonDominated(points, objectives);   // warm-up
            double best = Double.MAX_VALUE;
            double bestCpu = Double.MAX_VALUE;
            int size = 0;
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            for (int round = 0; round < 5; round++) {
                long t0 = System.nanoTime();
                long c0 = threads.getCurrentThreadCpuTime();
                size = ParetoFront.nonDominated(points, objectives).length;
                bestCpu = Math.min(bestCpu, (threads.getCurrentThreadCpuTime() - c0) / 1e9);
                best = Math.min(best, (System.nanoTime() - t0) / 1e9);
            }
            // on a shared machine the wall time includes waiting for a core; the thread's CPU time does not
            System.out.printf("front of %,d points, %d objectives: %.3f s wall, %.3f s CPU (best of 5), %,d on the front%n",
                    n, k, best, bestCpu, size);
        }
    }

    private static void sweep(int evaluations, Path dir) throws Exception {
        Files.createDirectories(dir);
        Path table = dir.resolve("scale-table.csv");
        if (!Files.exists(table)) {
            writeTable(table);
        }
        Path config = dir.resolve("scale-" + evaluations + ".yaml");
        StringBuilder dimensions = new StringBuilder();
        String options = java.util.stream.IntStream.range(0, OPTIONS).mapToObj(o -> "o" + o).collect(Collectors.joining(", "));
        for (int d = 0; d < TABLE_DIMENSIONS; d++) {
            dimensions.append("    - {name: d").append(d).append(", options: [").append(options).append("]}\n");
        }
        Files.writeString(config, """
                name: scale-%d
                seed: 1
                space:
                  type: tabular
                  table: scale-table.csv
                  dimensions:
                %ssearch:
                  evaluations: %d
                  strategy: {type: random, batchSize: %d}
                  objectives: [{maximize: accuracy}, {minimize: macs}]
                  reference: {accuracy: 0.0, macs: 1.0e9}
                output: %s
                """.formatted(evaluations, dimensions, evaluations, BATCH, dir.resolve("runs")));
        AtomicLong peak = peakHeapAfterGc();
        String text = Files.readString(config);
        try (SparkSession spark = Sessions.create("hwnas-bench-scale", "local[1]")) {
            long t0 = System.nanoTime();
            SweepPlan plan = SweepConfigLoader.plan(text, config.toString());   // reads the 10⁶-row table
            double loading = (System.nanoTime() - t0) / 1e9;
            OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long c1 = os.getProcessCpuTime();
            long t1 = System.nanoTime();
            SweepJob.Outcome outcome = SweepJob.run(spark, plan, config.toString(), text);
            double seconds = (System.nanoTime() - t1) / 1e9;
            double cpu = (os.getProcessCpuTime() - c1) / 1e9;
            long results;
            try (var lines = Files.lines(Path.of(outcome.runDirectory()).resolve("results.csv"))) {
                results = lines.count() - 1;
            }
            long report = Files.size(Path.of(outcome.runDirectory()).resolve("report/index.html"));
            System.out.printf("sweep of %,d tabular evaluations: %.1f s wall, %.1f s CPU (table loaded before in %.1f s),"
                            + " %.1f µs wall per evaluation, peak heap after GC %,d MB of %,d MB, %,d rows in results.csv,"
                            + " report %,d KB, front %d%n", evaluations, seconds, cpu, loading, seconds / evaluations * 1e6,
                    peak.get() >> 20,
                    Runtime.getRuntime().maxMemory() >> 20, results, report >> 10,
                    outcome.fronts().values().iterator().next().size());
        }
    }

    /** 10⁶ points: MACs grow with the genes, accuracy with log MACs plus noise, so the front is a curve. */
    private static void writeTable(Path table) throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        try (BufferedWriter out = Files.newBufferedWriter(table)) {
            StringBuilder header = new StringBuilder();
            for (int d = 0; d < TABLE_DIMENSIONS; d++) {
                header.append('d').append(d).append(',');
            }
            out.write(header + "accuracy,macs,trainable_params,latency_ms_dev,fps_dev\n");
            int[] genes = new int[TABLE_DIMENSIONS];
            int points = (int) Math.pow(OPTIONS, TABLE_DIMENSIONS);
            for (int i = 0; i < points; i++) {
                int rest = i;
                long macs = 100_000;
                StringBuilder row = new StringBuilder(96);
                for (int d = 0; d < TABLE_DIMENSIONS; d++) {
                    genes[d] = rest % OPTIONS;
                    rest /= OPTIONS;
                    macs += (long) (genes[d] + 1) * (genes[d] + 1) * (d + 1) * 50_000;
                    row.append('o').append(genes[d]).append(',');
                }
                double accuracy = 0.5 + 0.04 * Math.log(macs / 1e5) + 0.03 * random.nextGaussian();
                double latency = macs / 2e8 + 0.1 * random.nextDouble();
                row.append(String.format("%.5f,%d,%d,%.5f,%.3f%n", Math.min(0.99, accuracy), macs, macs / 40, latency,
                        1000 / latency));
                out.write(row.toString());
            }
        }
    }

    /** The largest heap occupancy seen right after any collection from now on. */
    private static AtomicLong peakHeapAfterGc() {
        Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
        AtomicLong peak = new AtomicLong();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    GarbageCollectionNotificationInfo info =
                            GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                    long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                            .filter(e -> heapPools.contains(e.getKey())).mapToLong(e -> e.getValue().getUsed()).sum();
                    peak.accumulateAndGet(used, Math::max);
                }
            }, null, null);
        }
        return peak;
    }
}
