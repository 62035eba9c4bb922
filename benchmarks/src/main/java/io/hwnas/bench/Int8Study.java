package io.hwnas.bench;

import io.hwnas.arch.Architecture;
import io.hwnas.data.DatasetSplit;
import io.hwnas.data.FashionMnist;
import io.hwnas.data.SplitSpec;
import io.hwnas.dl4j.GraphBuilder;
import io.hwnas.dl4j.Nd4jThreads;
import io.hwnas.dl4j.Trainer;
import io.hwnas.dl4j.TrainingSettings;
import io.hwnas.io.HadoopConfigurations;
import io.hwnas.onnx.Calibration;
import io.hwnas.onnx.Int8Accuracy;
import io.hwnas.onnx.OnnxExport;
import io.hwnas.onnx.OnnxModel;
import io.hwnas.space.Choice;
import io.hwnas.space.Dimension;
import io.hwnas.space.SearchSpace;
import io.hwnas.spark.FinalTrainingJob;
import io.hwnas.spark.config.SweepConfig;
import io.hwnas.spark.finaltrain.FrontMember;
import io.hwnas.spark.store.CompletedRun;
import io.hwnas.transform.CollapseResult;
import io.hwnas.transform.Dl4jParameters;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

/**
 * fp32 against int8 test accuracy, both run in ONNX Runtime (issue 24): the front of each given sweep, and nets of
 * the same space with one activation everywhere (ReLU6, SiLU, hard-swish by default), each trained with several
 * seeds on Fashion-MNIST, deployed (batch norm folded), exported to ONNX and quantised to int8 with min/max and with
 * percentile calibration. Prints one line per net and seed, then per net the mean ± sample standard deviation over
 * the seeds, as a markdown table.
 * Usage: {@code scripts/study-int8 --runs RUN_DIR[,RUN_DIR] [--seeds 3] [--train 4000] [--epochs 2]
 * [--test 2000] [--calibration 500] [--uniform relu6,silu,hard_swish] [--threads 2]} (a bare {@code --uniform}: the
 * fronts only).
 */
public final class Int8Study {

    /** One net of the study: a front member, or a space's net with one activation everywhere. */
    private record Net(String space, String label, Architecture source, CollapseResult deployed, double lr) {
    }

    private Int8Study() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> a = BenchArgs.parse(args, Set.of("runs", "seeds", "train", "epochs", "test",
                "calibration", "uniform", "threads", "batch"));
        if (!a.containsKey("runs")) {
            throw new IllegalArgumentException("hwnas: option '--runs' is required: one or more sweep run directories");
        }
        int seeds = Integer.parseInt(a.getOrDefault("seeds", "3"));
        int train = Integer.parseInt(a.getOrDefault("train", "4000"));
        int epochs = Integer.parseInt(a.getOrDefault("epochs", "2"));
        int testImages = Integer.parseInt(a.getOrDefault("test", "2000"));
        int calibrationImages = Integer.parseInt(a.getOrDefault("calibration", "500"));
        int batch = Integer.parseInt(a.getOrDefault("batch", "32"));
        String uniformOption = a.getOrDefault("uniform", "relu6,silu,hard_swish");
        List<String> uniform = uniformOption.isEmpty() ? List.of() : Arrays.asList(uniformOption.split(","));
        Nd4jThreads.limit(Integer.parseInt(a.getOrDefault("threads", "2")));

        List<Net> nets = new ArrayList<>();
        for (String dir : a.get("runs").split(",")) {
            CompletedRun run = CompletedRun.open(dir, HadoopConfigurations.create());
            SweepConfig sweep = FinalTrainingJob.sweepConfig(run);
            SearchSpace space = sweep.space();
            double lr = sweep.training().learningRate();
            for (Map<String, String> row : run.front("search")) {
                FrontMember m = FrontMember.resolve(space, row, "pareto-search.csv", "accuracy");
                nets.add(new Net(sweep.name(), "front #" + m.candidateId() + " " + activations(space, m.choice()),
                        space.decode(m.choice()), space.deploy(m.choice()), lr));
            }
            for (String activation : uniform) {
                Choice c = uniformChoice(space, activation);
                nets.add(new Net(sweep.name(), "all " + activation, space.decode(c), space.deploy(c), lr));
            }
        }

        Architecture first = nets.get(0).source();
        DatasetSplit data = FashionMnist.load(FashionMnist.DEFAULT_DIRECTORY, new SplitSpec(train, 1, testImages, 7));
        INDArray calibration = Trainer.toDataSet(data.train(), IntStream.range(0, calibrationImages).toArray(), first)
                .getFeatures();
        INDArray test = Trainer.toDataSet(data.test(), IntStream.range(0, data.test().size()).toArray(), first)
                .getFeatures();
        int[] labels = data.test().labels();

        PrintStream out = System.out;
        out.printf(Locale.ROOT, "Fashion-MNIST: %d training images x %d epochs (batch %d), %d calibration (training) "
                + "images, %d test images; %d seeds; accuracy in ONNX Runtime%n", train, epochs, batch,
                calibrationImages, testImages, seeds);
        out.println("space\tnet\tseed\tfp32\tint8_min_max\tint8_percentile");
        Map<String, List<double[]>> results = new LinkedHashMap<>();
        for (Net net : nets) {
            for (int seed = 1; seed <= seeds; seed++) {
                ComputationGraph graph = GraphBuilder.build(net.source(), seed, net.lr());
                Trainer.train(graph, net.source(), data.train(), new TrainingSettings(epochs, batch, net.lr()), seed,
                        Integer.MAX_VALUE);
                OnnxModel fp32 = OnnxExport.of(net.deployed().architecture(),
                        Dl4jParameters.transfer(net.source(), graph, net.deployed().result(), seed));
                Int8Accuracy minMax = Int8Accuracy.measure(fp32, calibration, Calibration.MIN_MAX, test, labels);
                Int8Accuracy percentile = Int8Accuracy.measure(fp32, calibration, Calibration.PERCENTILE, test,
                        labels);
                out.printf(Locale.ROOT, "%s\t%s\t%d\t%.4f\t%.4f\t%.4f%n", net.space(), net.label(), seed,
                        minMax.fp32(), minMax.int8(), percentile.int8());
                results.computeIfAbsent(net.space() + " | " + net.label(), k -> new ArrayList<>())
                        .add(new double[] {minMax.fp32(), minMax.int8(), percentile.int8()});
            }
        }
        out.println();
        out.println("| space | net | fp32 | int8 min/max | drop | int8 percentile | drop |");
        out.println("|---|---|---|---|---|---|---|");
        results.forEach((net, runs) -> out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", net,
                stat(runs, r -> r[0]), stat(runs, r -> r[1]), stat(runs, r -> r[0] - r[1]), stat(runs, r -> r[2])
                        + " | " + stat(runs, r -> r[0] - r[2])));
    }

    /** Mean ± sample standard deviation over the seeds, in accuracy points. */
    private static String stat(List<double[]> runs, ToDoubleFunction<double[]> value) {
        double[] v = runs.stream().mapToDouble(value).map(x -> 100 * x).toArray();
        double mean = Arrays.stream(v).average().orElse(Double.NaN);
        double sd = v.length > 1 ? Math.sqrt(Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / (v.length - 1))
                : 0;
        return String.format(Locale.ROOT, "%.2f ± %.2f", mean, sd);
    }

    /** The choice with {@code activation} on every activation dimension and the last option on any other. */
    private static Choice uniformChoice(SearchSpace space, String activation) {
        List<Integer> genes = new ArrayList<>();
        for (Dimension d : space.dimensions()) {
            int i = d.options().indexOf(activation);
            genes.add(isActivation(d) ? requireOption(d, i, activation) : d.options().size() - 1);
        }
        return new Choice(genes);
    }

    private static int requireOption(Dimension d, int index, String activation) {
        if (index < 0) {
            throw new IllegalArgumentException("hwnas: --uniform: " + activation + ", allowed: " + d.options());
        }
        return index;
    }

    /** A dimension choosing an activation: its options are activation names. */
    private static boolean isActivation(Dimension d) {
        return d.options().contains("silu") || d.options().contains("relu");
    }

    /** How many sites of the net use each activation, e.g. "relu6 x3, silu x2". */
    private static String activations(SearchSpace space, Choice c) {
        Map<String, Integer> counts = new TreeMap<>();
        List<Dimension> dims = space.dimensions();
        for (int i = 0; i < dims.size(); i++) {
            if (isActivation(dims.get(i))) {
                counts.merge(dims.get(i).options().get(c.genes().get(i)), 1, Integer::sum);
            }
        }
        StringBuilder s = new StringBuilder();
        counts.forEach((act, n) -> s.append(s.length() == 0 ? "" : ", ").append(act).append(" x").append(n));
        return s.toString();
    }
}
