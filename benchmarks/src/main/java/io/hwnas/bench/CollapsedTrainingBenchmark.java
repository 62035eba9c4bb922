package io.hwnas.bench;

import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureCounts;
import io.hwnas.arch.Shape;
import io.hwnas.arch.zoo.Sesr;
import io.hwnas.arch.zoo.Sesrs;
import io.hwnas.dl4j.GraphBuilder;
import io.hwnas.dl4j.Nd4jThreads;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SESR's collapsed training against expanded training in DL4J, side by side in one JVM: the same net, batch and
 * patches, one training step (forward, backward, Adam) timed for each form in alternating rounds, so machine
 * noise hits both alike. Prints per net the forward MACs of a step (the IR's count × batch), the median step time
 * of each form and their ratio.
 *
 * <pre>
 *   scripts/bench-collapsed-training                    # SESR-M5 x2 (p = 256, 32 64x64 patches: the SESR README's
 *                                                       # setting) and the examples/sesr.yaml net f16 m5 p64 on
 *                                                       # 32 16x16 patches, 1 thread
 *   options: --nets m5,example --rounds 3 --steps 2 --threads 1
 * </pre>
 */
public final class CollapsedTrainingBenchmark {

    /** A benchmarked setting: the net and the low-resolution patch it trains on. */
    private record Setting(String name, Sesr net, int patch, int batch) {
    }

    private static final Map<String, Setting> SETTINGS = Map.of(
            "m5", new Setting("SESR-M5 x2, p 256, 32 x 64x64", Sesrs.presets().get("sesr_m5_x2"), 64, 32),
            "example", new Setting("sesr.yaml f16 m5 p64, 32 x 16x16", new Sesr("example", 16, 5, 2, 64), 16, 32));

    private CollapsedTrainingBenchmark() {
    }

    public static void main(String[] args) {
        Map<String, String> a = BenchArgs.parse(args, Set.of("nets", "rounds", "steps", "threads"));
        List<String> nets = Arrays.asList(a.getOrDefault("nets", "m5,example").split(","));
        int rounds = Integer.parseInt(a.getOrDefault("rounds", "3"));
        int steps = Integer.parseInt(a.getOrDefault("steps", "2"));
        int threads = Integer.parseInt(a.getOrDefault("threads", "1"));
        for (String n : nets) {
            if (!SETTINGS.containsKey(n)) {
                throw new IllegalArgumentException("hwnas: --nets: " + n + " is not known; known: " + SETTINGS.keySet());
            }
        }
        Nd4jThreads.limit(threads);
        PrintStream out = System.out;
        out.printf("collapsed vs expanded training, DL4J (hwnas oneDNN layers), %d thread(s), median of %d rounds "
                + "x %d steps%n%n", threads, rounds, steps);
        out.println("| net | form | forward MACs per step | ms per step | expanded / collapsed |");
        out.println("|---|---|---|---|---|");
        for (String n : nets) {
            run(SETTINGS.get(n), rounds, steps, out);
        }
    }

    private static void run(Setting s, int rounds, int steps, PrintStream out) {
        Shape patch = Shape.image(1, s.patch(), s.patch());
        Architecture expandedArch = s.net().expanded(patch);
        Architecture collapsedArch = s.net().collapsedTraining(patch);
        ComputationGraph expanded = graph(expandedArch);
        ComputationGraph collapsed = graph(collapsedArch);
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.rand(DataType.FLOAT, s.batch(), 1, s.patch(), s.patch());
        int hr = s.patch() * s.net().scale();
        INDArray y = Nd4j.rand(DataType.FLOAT, s.batch(), 1, hr, hr);
        step(expanded, x, y, 1);
        step(collapsed, x, y, 1);
        List<Double> e = new ArrayList<>();
        List<Double> c = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            // alternate which form goes first, so a drift in machine speed does not favour one
            if (r % 2 == 0) {
                e.add(step(expanded, x, y, steps));
                c.add(step(collapsed, x, y, steps));
            } else {
                c.add(step(collapsed, x, y, steps));
                e.add(step(expanded, x, y, steps));
            }
        }
        double em = median(e);
        double cm = median(c);
        out.printf("| %s | expanded | %.3f G | %.1f | |%n", s.name(),
                ArchitectureCounts.of(expandedArch).macs() * (double) s.batch() / 1e9, em);
        out.printf("| %s | collapsed | %.3f G | %.1f | %.2fx |%n", s.name(),
                ArchitectureCounts.of(collapsedArch).macs() * (double) s.batch() / 1e9, cm, em / cm);
    }

    private static ComputationGraph graph(Architecture arch) {
        return GraphBuilder.buildImageRegression(arch, 7, 1e-3, LossFunctions.LossFunction.L1);
    }

    /** Milliseconds per training step over {@code steps} steps. */
    private static double step(ComputationGraph graph, INDArray x, INDArray y, int steps) {
        long t0 = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            graph.fit(new INDArray[] {x}, new INDArray[] {y});
        }
        return (System.nanoTime() - t0) / 1e6 / steps;
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
