package io.hwnas.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hwnas.io.Mappers;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureCounts;
import io.hwnas.arch.ArchitectureJson;
import io.hwnas.arch.zoo.ReferenceNetworks;
import io.hwnas.data.DataSettings;
import io.hwnas.data.DatasetCache;
import io.hwnas.data.DatasetSplit;
import io.hwnas.data.FashionMnist;
import io.hwnas.data.ImageDataset;
import io.hwnas.dl4j.Trainer;
import io.hwnas.space.Choice;
import io.hwnas.space.SearchSpace;
import io.hwnas.space.SpaceCapability;
import io.hwnas.spark.config.SweepConfig;
import io.hwnas.spark.config.SweepConfigLoader;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * DL4J against PyTorch on the same networks, side by side in one run ({@code scripts/bench-train}). Each network
 * is built twice from the same IR JSON, in DL4J by hwnas ({@link Dl4jTrainingRun}) and in PyTorch by
 * {@code bench/peer/torch_twin.py}, and both train on the same images in the same order with the same batch, Adam
 * settings and thread count, each in its own process pinned to the same cores. The twin's MACs and parameters are
 * checked against the IR's. PyTorch runs in its default (NCHW) memory format and channels-last; the faster of the
 * two is the peer the headline ratio is taken against. Every rate is the median of {@code --repeats} runs (3):
 * single runs vary, PyTorch's channels-last ones by up to 3x between identical runs.
 *
 * <p>{@code --learning} compares instead what the two learn: one epoch on 2,000 Fashion-MNIST images, validation
 * accuracy on 1,000, for three seeds (same data order per seed on both sides), with PyTorch starting once from
 * hwnas's initial weights and once from its own draw of the same scheme (He-normal on fan-in).
 */
public final class PeerTrainingBenchmark {

    static final List<String> MINIS = List.of("resnet18_mini", "resnet50_mini", "mobilenet_v2_mini",
            "efficientnet_lite0_mini", "convnext_t_mini");
    private static final ObjectMapper JSON = Mappers.json();
    private static final double LEARNING_RATE = 0.002;
    private static final int TRAIN_SAMPLES = 2000;
    private static final int VALIDATION_SAMPLES = 1000;
    private static final long DATA_SEED = 0;

    private final Map<String, String> options;
    private final Path work;
    private final PrintStream out = System.out;

    private PeerTrainingBenchmark(Map<String, String> options) throws IOException {
        this.options = options;
        this.work = Files.createDirectories(Path.of(options.getOrDefault("out", "target/bench-train")));
    }

    private static final Set<String> OPTIONS = Set.of("learning", "baseline", "images", "warmup-batches", "batches",
            "peer", "repeats", "two-threads", "nets", "seeds", "out", "python");

    public static void main(String[] args) throws Exception {
        Map<String, String> options;
        Map<String, Architecture> nets;
        try {
            options = BenchArgs.parse(args, OPTIONS);
            nets = networks(options);   // unknown --nets fail here, before anything runs or is written
        } catch (IllegalArgumentException bad) {
            System.err.println(bad.getMessage());
            System.exit(2);
            return;
        }
        PeerTrainingBenchmark bench = new PeerTrainingBenchmark(options);
        if (options.containsKey("learning")) {
            bench.learning(nets);
        } else {
            bench.throughput(nets);
        }
    }

    /** The networks: the five 28×28 zoo minis and one sampled candidate of every example config with a space. */
    private static Map<String, Architecture> networks(Map<String, String> options) throws IOException {
        Map<String, Architecture> nets = new LinkedHashMap<>();
        for (String name : MINIS) {
            nets.put(name, ReferenceNetworks.byName(name));
        }
        try (Stream<Path> examples = Files.list(Path.of("examples"))) {
            for (Path file : examples.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                SweepConfig config;
                try {
                    config = SweepConfigLoader.load(file);
                } catch (RuntimeException notASweep) {
                    continue;   // e.g. a HANT config
                }
                SearchSpace space = config.space();
                if (!space.has(SpaceCapability.NETWORKS)) {
                    continue;
                }
                SplittableRandom rng = new SplittableRandom(config.seed());
                Choice choice = space.sample(rng);
                while (space.violation(choice).isPresent()) {
                    choice = space.sample(rng);
                }
                String name = file.getFileName().toString().replace(".yaml", "") + "-" + space.type();
                nets.put(name, space.decode(choice));
            }
        }
        String only = options.get("nets");
        if (only != null) {
            List<String> wanted = Arrays.asList(only.split(","));
            for (String name : wanted) {
                if (!nets.containsKey(name)) {
                    throw new IllegalArgumentException("hwnas: --nets '" + name + "' is not a benchmark net; nets: "
                            + String.join(", ", nets.keySet()));
                }
            }
            nets.keySet().retainAll(wanted);
        }
        return nets;
    }

    private void throughput(Map<String, Architecture> nets) throws Exception {
        int images = Integer.parseInt(options.getOrDefault("images", "1024"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup-batches", "5"));
        int[] batches = Arrays.stream(options.getOrDefault("batches", "32,128").split(",")).mapToInt(Integer::parseInt)
                .toArray();
        boolean peer = !"none".equals(options.getOrDefault("peer", "torch"));
        boolean baseline = options.containsKey("baseline");
        int repeats = Integer.parseInt(options.getOrDefault("repeats", "3"));
        String twoThreadNet = options.getOrDefault("two-threads", "resnet18_mini");
        Path data = writeData(1, Math.max(images, TRAIN_SAMPLES), images);

        double dl4jPeak = dl4j(nets.values().iterator().next(), data, 32, 1, 32, 0, "ONEDNN", true)
                .path("gemm_macs_per_second").asDouble();
        double torchPeak = peer ? torch(nets.values().iterator().next(), data, 32, 1, 32, 0, false, true)
                .path("gemm_macs_per_second").asDouble() : Double.NaN;
        double peak = peer ? Math.max(dl4jPeak, torchPeak) : dl4jPeak;
        out.printf(Locale.ROOT, "fp32 GEMM 1024x1024, 1 thread: ND4J (OpenBLAS) %.1f GMAC/s, PyTorch %.1f GMAC/s; "
                + "peak %.1f GMAC/s%n", dl4jPeak / 1e9, torchPeak / 1e9, peak / 1e9);
        out.printf(Locale.ROOT, "%d images per run after %d warm-up batches, median of %d runs, Adam lr %s; "
                + "training MACs = 3 x forward%n", images, warmup, repeats, LEARNING_RATE);
        String header = String.format(Locale.ROOT, "%-30s %5s %3s %9s %9s %5s %9s %9s %9s %9s %8s %8s %8s %6s",
                "network", "batch", "thr", "MACs(M)", "params", "twin", "dl4j-ref", "hwnas", "torch", "torch-cl",
                "vs-torch", "vs-best", "hw%peak", "pt%pk");
        out.println(header);
        List<String> csv = new ArrayList<>();
        csv.add("network,batch,threads,macs,params,twin_matches,dl4j_builtin_img_s,hwnas_img_s,torch_img_s,"
                + "torch_channels_last_img_s,ratio_torch,ratio_best_torch,hwnas_share_of_peak,torch_share_of_peak");
        Map<Integer, List<Double>> ratios = new LinkedHashMap<>();
        Map<Integer, List<Double>> bestRatios = new LinkedHashMap<>();
        List<Setting> settings = new ArrayList<>();
        for (int batch : batches) {
            for (String name : nets.keySet()) {
                settings.add(new Setting(name, batch, 1));
            }
        }
        if (nets.containsKey(twoThreadNet)) {
            settings.add(new Setting(twoThreadNet, 32, 2));
        }
        for (Setting s : settings) {
            Architecture arch = nets.get(s.net());
            ArchitectureCounts counts = ArchitectureCounts.of(arch);
            double ref = baseline ? rate(dl4j(arch, data, s.batch(), s.threads(), images, warmup, "DL4J", false)) : Double.NaN;
            List<Double> hwnasRuns = new ArrayList<>();
            List<Double> torchRuns = new ArrayList<>();
            List<Double> torchClRuns = new ArrayList<>();
            JsonNode t = null;
            for (int r = 0; r < repeats; r++) {
                // interleaved, so drift on the machine reaches both sides alike
                hwnasRuns.add(rate(dl4j(arch, data, s.batch(), s.threads(), images, warmup, "ONEDNN", false)));
                if (peer) {
                    t = torch(arch, data, s.batch(), s.threads(), images, warmup, false, false);
                    torchRuns.add(rate(t));
                    torchClRuns.add(rate(torch(arch, data, s.batch(), s.threads(), images, warmup, true, false)));
                }
            }
            double hwnas = median(hwnasRuns);
            double torch = Double.NaN;
            double torchCl = Double.NaN;
            String twin = "-";
            if (peer) {
                torch = median(torchRuns);
                torchCl = median(torchClRuns);
                boolean same = t.path("macs").asLong() == counts.macs() && t.path("params").asLong() == counts.trainableParams();
                twin = same ? "ok" : "DIFF";
                if (!same) {
                    out.printf("  %s: twin counts %d MACs, %d params; the IR %d MACs, %d params%n", s.net(),
                            t.path("macs").asLong(), t.path("params").asLong(), counts.macs(), counts.trainableParams());
                }
            }
            double best = Math.max(torch, torchCl);
            double trainingMacs = 3.0 * counts.macs();
            String line = String.format(Locale.ROOT, "%-30s %5d %3d %9.2f %9d %5s %9.0f %9.0f %9.0f %9.0f %8.2f %8.2f %7.1f%% %5.1f%%",
                    s.net(), s.batch(), s.threads(), counts.macs() / 1e6, counts.trainableParams(), twin, ref, hwnas,
                    torch, torchCl, hwnas / torch, hwnas / best, 100 * hwnas * trainingMacs / (peak * s.threads()),
                    100 * best * trainingMacs / (peak * s.threads()));
            out.println(line);
            csv.add(String.join(",", s.net(), "" + s.batch(), "" + s.threads(), "" + counts.macs(),
                    "" + counts.trainableParams(), twin, num(ref), num(hwnas), num(torch), num(torchCl), num(hwnas / torch),
                    num(hwnas / best), num(hwnas * trainingMacs / (peak * s.threads())),
                    num(best * trainingMacs / (peak * s.threads()))));
            if (MINIS.contains(s.net()) && s.threads() == 1) {
                ratios.computeIfAbsent(s.batch(), b -> new ArrayList<>()).add(hwnas / torch);
                bestRatios.computeIfAbsent(s.batch(), b -> new ArrayList<>()).add(hwnas / best);
            }
        }
        for (int batch : ratios.keySet()) {
            out.printf(Locale.ROOT, "batch %d, 1 thread: geometric mean of hwnas/PyTorch over the five minis %.2f "
                    + "(default format), %.2f (the faster format); lowest %.2f%n", batch, geomean(ratios.get(batch)),
                    geomean(bestRatios.get(batch)), bestRatios.get(batch).stream().mapToDouble(d -> d).min().orElse(0));
        }
        Path file = work.resolve("peer-throughput.csv");
        Files.write(file, csv, StandardCharsets.UTF_8);
        out.println("results: " + file);
    }

    /**
     * Per seed, hwnas trains from its initial weights; PyTorch trains once from exactly those weights (so the two
     * differ only in their arithmetic) and once from its own draw of the same initialisation scheme.
     */
    private void learning(Map<String, Architecture> nets) throws Exception {
        int seeds = Integer.parseInt(options.getOrDefault("seeds", "3"));
        nets.keySet().retainAll(MINIS);
        out.printf("1 epoch on %d Fashion-MNIST images (batch 32, Adam lr %s), validation accuracy on %d, seeds 1..%d;"
                + " mean (per seed)%n", TRAIN_SAMPLES, LEARNING_RATE, VALIDATION_SAMPLES, seeds);
        out.printf("%-24s %-26s %-26s %-8s %-26s %s%n", "network", "hwnas", "PyTorch, same weights", "diff",
                "PyTorch, own weights", "diff");
        List<String> csv = new ArrayList<>();
        csv.add("network,seed,hwnas_accuracy,torch_same_weights_accuracy,torch_own_weights_accuracy");
        for (Map.Entry<String, Architecture> net : nets.entrySet()) {
            double[] ours = new double[seeds];
            double[] same = new double[seeds];
            double[] own = new double[seeds];
            for (int seed = 1; seed <= seeds; seed++) {
                Path data = writeData(seed, TRAIN_SAMPLES, TRAIN_SAMPLES);
                Path weights = work.resolve("weights-" + net.getKey() + "-s" + seed + ".json");
                ours[seed - 1] = dl4jValidated(net.getValue(), seed, weights).path("val_accuracy").asDouble();
                same[seed - 1] = torchValidated(net.getValue(), data, seed, weights).path("val_accuracy").asDouble();
                own[seed - 1] = torchValidated(net.getValue(), data, seed, null).path("val_accuracy").asDouble();
                csv.add(String.join(",", net.getKey(), "" + seed, num(ours[seed - 1]), num(same[seed - 1]),
                        num(own[seed - 1])));
            }
            double a = mean(ours);
            out.printf(Locale.ROOT, "%-24s %6.3f %-19s %6.3f %-19s %+5.1f pt %6.3f %-19s %+5.1f pt%n", net.getKey(),
                    a, list(ours), mean(same), list(same), 100 * (a - mean(same)), mean(own), list(own),
                    100 * (a - mean(own)));
        }
        Path file = work.resolve("peer-learning.csv");
        Files.write(file, csv, StandardCharsets.UTF_8);
        out.println("results: " + file);
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(Double.NaN);
    }

    private JsonNode dl4j(Architecture arch, Path data, int batch, int threads, int images, int warmup, String kernels,
                          boolean gemmPeak) throws Exception {
        List<String> command = javaCommand(threads);
        command.addAll(List.of(Dl4jTrainingRun.class.getName(), "--ir", irFile(arch).toString(), "--batch", "" + batch,
                "--threads", "" + threads, "--lr", "" + LEARNING_RATE, "--seed", "1", "--images", "" + images,
                "--warmup-batches", "" + warmup, "--kernels", kernels, "--train-samples", "" + TRAIN_SAMPLES,
                "--validation-samples", "" + VALIDATION_SAMPLES, "--data-seed", "" + DATA_SEED));
        if (gemmPeak) {
            command.add("--gemm-peak");
        }
        return run(command, "RESULT ");
    }

    private JsonNode dl4jValidated(Architecture arch, int seed, Path weightsOut) throws Exception {
        List<String> command = javaCommand(1);
        command.addAll(List.of(Dl4jTrainingRun.class.getName(), "--ir", irFile(arch).toString(), "--batch", "32",
                "--threads", "1", "--lr", "" + LEARNING_RATE, "--seed", "" + seed, "--images", "" + TRAIN_SAMPLES,
                "--train-samples", "" + TRAIN_SAMPLES, "--validation-samples", "" + VALIDATION_SAMPLES,
                "--data-seed", "" + DATA_SEED, "--validate", "--weights-out", weightsOut.toString()));
        return run(command, "RESULT ");
    }

    private JsonNode torch(Architecture arch, Path data, int batch, int threads, int images, int warmup,
                           boolean channelsLast, boolean gemmPeak) throws Exception {
        List<String> command = pythonCommand(threads, arch, data, batch, 1);
        command.addAll(List.of("--images", "" + images, "--warmup-batches", "" + warmup));
        if (channelsLast) {
            command.add("--channels-last");
        }
        if (gemmPeak) {
            command.add("--gemm-peak");
        }
        return run(command, "{");
    }

    /** @param weights initial weights written by the DL4J side, or null for the twin's own from the seed */
    private JsonNode torchValidated(Architecture arch, Path data, int seed, Path weights) throws Exception {
        List<String> command = pythonCommand(1, arch, data, 32, seed);
        command.add("--validate");
        if (weights != null) {
            command.addAll(List.of("--weights", weights.toString()));
        }
        return run(command, "{");
    }

    private List<String> pythonCommand(int threads, Architecture arch, Path data, int batch, int seed) throws IOException {
        List<String> command = new ArrayList<>(List.of("taskset", "-c", cores(threads),
                options.getOrDefault("python", "/usr/bin/python3"), "bench/peer/torch_twin.py"));
        command.addAll(List.of("--ir", irFile(arch).toString(), "--data", data.toString(), "--batch", "" + batch,
                "--threads", "" + threads, "--lr", "" + LEARNING_RATE, "--seed", "" + seed));
        return command;
    }

    /** This JVM's java and options (add-opens, logging) for a worker pinned to the first {@code threads} cores. */
    private static List<String> javaCommand(int threads) {
        List<String> command = new ArrayList<>(List.of("taskset", "-c", cores(threads),
                ProcessHandle.current().info().command().orElse("java")));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path")));
        return command;
    }

    private static String cores(int threads) {
        return threads == 1 ? "0" : "0-" + (threads - 1);
    }

    private static JsonNode run(List<String> command, String prefix) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines;
        try (var reader = process.inputReader()) {
            lines = reader.lines().toList();
        }
        int exit = process.waitFor();
        for (String line : lines) {
            if (line.startsWith(prefix)) {
                return JSON.readTree(prefix.equals("{") ? line : line.substring(prefix.length()));
            }
        }
        throw new IllegalStateException("exit " + exit + " without a result: " + String.join(" ", command) + "\n"
                + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())));
    }

    private Path irFile(Architecture arch) throws IOException {
        Path file = work.resolve("ir").resolve(arch.name() + "-" + Integer.toHexString(ArchitectureJson.write(arch)
                .hashCode()) + ".json");
        if (!Files.exists(file)) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, ArchitectureJson.write(arch));
        }
        return file;
    }

    /**
     * The images both sides train on, for the twin: the first {@code images} of the training subset in the order
     * {@link Trainer#epochOrders} gives for {@code seed}, and the validation subset, scaled to [0, 1] as
     * {@link Trainer#toDataSet} scales them (float32 little-endian images, int32 labels).
     */
    private Path writeData(long seed, int trainSamples, int images) throws IOException {
        DatasetSplit split = DatasetCache.get(new DataSettings(FashionMnist.DEFAULT_DIRECTORY, trainSamples,
                VALIDATION_SAMPLES, 0, DATA_SEED));
        Path dir = Files.createDirectories(work.resolve("data-" + images + "-s" + seed));
        int[] order = Trainer.epochOrders(images, 1, seed).get(0);
        write(split.train(), order, dir, "train");
        write(split.validation(), java.util.stream.IntStream.range(0, split.validation().size()).toArray(), dir, "val");
        return dir;
    }

    private static void write(ImageDataset d, int[] samples, Path dir, String name) throws IOException {
        ByteBuffer pixels = ByteBuffer.allocate(samples.length * d.pixelsPerImage() * Float.BYTES)
                .order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer labels = ByteBuffer.allocate(samples.length * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int sample : samples) {
            for (byte p : d.image(sample)) {
                pixels.putFloat((p & 0xFF) / 255f);
            }
            labels.putInt(d.label(sample));
        }
        Files.write(dir.resolve(name + "-images.f32"), pixels.array());
        Files.write(dir.resolve(name + "-labels.i32"), labels.array());
    }

    private static double rate(JsonNode result) {
        return result.path("images_per_second").asDouble(Double.NaN);
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(d -> d).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double geomean(List<Double> values) {
        return Math.exp(values.stream().mapToDouble(Math::log).average().orElse(Double.NaN));
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    private static String list(double[] values) {
        StringBuilder s = new StringBuilder("(");
        for (double v : values) {
            s.append(s.length() > 1 ? " " : "").append(String.format(Locale.ROOT, "%.3f", v));
        }
        return s.append(")").toString();
    }

    private record Setting(String net, int batch, int threads) {
    }
}
