package io.hwnas.bench;

import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureCounts;
import io.hwnas.arch.zoo.ReferenceNetworks;
import io.hwnas.data.ImageDataset;
import io.hwnas.data.DatasetCache;
import io.hwnas.dl4j.Nd4jThreads;
import io.hwnas.proxy.ProxyKind;
import io.hwnas.proxy.ProxyScorer;
import io.hwnas.proxy.ProxySettings;
import io.hwnas.space.Choice;
import io.hwnas.space.Dimension;
import io.hwnas.space.SearchSpace;
import io.hwnas.spark.config.SweepConfig;
import io.hwnas.spark.config.SweepConfigLoader;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Wall time of each training-free proxy per candidate on one thread, next to what brief training
 * costs (scripts/bench-train), so studies and proxy-driven searches can be sized. Each timing is a
 * full {@link ProxyScorer#score} call for that proxy alone (graph build, minibatch, passes); "all"
 * computes the four together, sharing one graph between NASWOT and grad_norm.
 * Usage: {@code scripts/bench-proxies [config] [repeats]}, default examples/quickstart.yaml and 5.
 */
public final class ProxyBenchmark {
    private static final int BATCH = 64;
    private static final int WARMUP = 2;

    private ProxyBenchmark() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        Path configFile = Path.of(args.length > 0 ? args[0] : "examples/quickstart.yaml");
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Nd4jThreads.limit(1);
        SweepConfig config = SweepConfigLoader.load(configFile);
        ImageDataset images = DatasetCache.get(config.data()).train();
        Map<String, Architecture> nets = new LinkedHashMap<>();
        nets.put(config.name() + " (relu, widest)", widestFirstOption(config.space()));
        nets.put("resnet18_mini", ReferenceNetworks.byName("resnet18_mini"));
        List<String> columns = new ArrayList<>(ProxyKind.names());
        columns.add("all");
        out.printf("median ms per candidate over %d runs (after %d warm-up), minibatch %d, one ND4J thread%n",
                repeats, WARMUP, BATCH);
        out.printf("%-28s %11s", "network", "MACs");
        columns.forEach(c -> out.printf(" %16s", c));
        out.println();
        for (Map.Entry<String, Architecture> net : nets.entrySet()) {
            out.printf("%-28s %,11d", net.getKey(), ArchitectureCounts.of(net.getValue()).macs());
            for (String column : columns) {
                List<String> names = column.equals("all") ? ProxyKind.names() : List.of(column);
                out.printf(" %16.1f", medianMillis(net.getValue(), images, new ProxySettings(names, BATCH), repeats));
            }
            out.println();
        }
    }

    /** Option 0 (the first activation) everywhere except width dimensions, which take their largest option. */
    private static Architecture widestFirstOption(SearchSpace space) {
        List<Dimension> dims = space.dimensions();
        int[] genes = new int[dims.size()];
        for (int i = 0; i < genes.length; i++) {
            genes[i] = dims.get(i).name().startsWith("width.") ? dims.get(i).size() - 1 : 0;
        }
        return space.decode(Choice.of(genes));
    }

    private static double medianMillis(Architecture arch, ImageDataset images, ProxySettings settings, int repeats) {
        for (int i = 0; i < WARMUP; i++) {
            ProxyScorer.score(arch, images, settings, i);
        }
        double[] ms = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            ProxyScorer.score(arch, images, settings, 100 + i);
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return ms[repeats / 2];
    }
}
