package io.hwnas.bench;

import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureCounts;
import io.hwnas.data.ImageDataset;
import io.hwnas.dl4j.GraphBuilder;
import io.hwnas.dl4j.Nd4jThreads;
import io.hwnas.dl4j.Trainer;
import io.hwnas.spark.Sessions;
import io.hwnas.spark.config.SweepConfig;
import io.hwnas.spark.config.SweepConfigLoader;
import io.hwnas.spark.finaltrain.ImageFiles;
import io.hwnas.spark.finaltrain.Minibatches;
import io.hwnas.spark.finaltrain.ParameterAveraging;
import io.hwnas.spark.finaltrain.SampleOrder;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.dataset.DataSet;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Training throughput of final training: the same net (a config's space baseline), the same images
 * in the same epoch order, (a) fitted by plain {@code graph.fit} in this JVM with 1 and 2 ND4J
 * threads and (b) by dl4j-spark parameter averaging on local[2] (2 workers, 1 thread each) at each
 * averaging frequency given; test accuracy on the same test images for each. Usage:
 * {@code scripts/bench-final-training [config.yaml] [train-samples] [batch] [averaging-frequencies, e.g. 5,20]}.
 */
public final class FinalTrainingBenchmark {
    private static final int TEST_SAMPLES = 2000;
    private static final long SEED = 1;

    private FinalTrainingBenchmark() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        SweepConfig config = SweepConfigLoader.load(Path.of(args.length > 0 ? args[0] : "examples/quickstart.yaml"));
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 8000;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : config.training().batchSize();
        int[] frequencies = Arrays.stream((args.length > 3 ? args[3] : "5,20").split(",")).mapToInt(Integer::parseInt).toArray();
        Architecture arch = config.space().decode(config.space().baseline());
        double lr = config.training().learningRate();
        String path = config.data().path();
        ImageDataset train = ImageFiles.training(path);
        ImageDataset test = ImageFiles.test(path);
        SampleOrder order = new SampleOrder(train.size(), samples, config.data().seed(), SEED);
        SampleOrder testOrder = new SampleOrder(test.size(), Math.min(TEST_SAMPLES, test.size()), config.data().seed(), null);

        // one untimed pass so JIT and native initialisation land on neither arm
        fitInProcess(arch, train, order, batch, lr, Math.min(samples, 8 * batch));

        List<String> lines = new ArrayList<>();
        for (int threads : new int[] {1, 2}) {
            Nd4jThreads.limit(threads);
            long t0 = System.nanoTime();
            ComputationGraph g = fitInProcess(arch, train, order, batch, lr, samples);
            double seconds = (System.nanoTime() - t0) / 1e9;
            lines.add(line("graph.fit, 1 JVM", threads + " thread(s)", samples, seconds, accuracy(g, test, testOrder, arch)));
        }
        try (SparkSession spark = Sessions.create("hwnas-bench-final-training", "local[2]")) {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            for (int f : frequencies) {
                ParameterAveraging cluster = new ParameterAveraging(jsc, 2, f);
                ParameterAveraging.Fitted fitted = cluster.fit(GraphBuilder.build(arch, SEED, lr), cluster.master(batch, SEED),
                        1, e -> new Minibatches(path, false, order, e, batch, arch, 1));
                Nd4jThreads.limit(2);
                lines.add(line("param. averaging local[2]", "2x1 thread, avg/" + f, samples, fitted.seconds(),
                        accuracy(fitted.graph(), test, testOrder, arch)));
            }
        }
        ArchitectureCounts counts = ArchitectureCounts.of(arch);
        out.printf(Locale.ROOT, "net: %s baseline of %s (%,d MACs, %,d params), 1 epoch over %,d images, batch %d, "
                        + "Adam lr %g; accuracy on %,d test images%n", config.space().type(), args.length > 0 ? args[0]
                        : "examples/quickstart.yaml", counts.macs(), counts.trainableParams(), samples, batch, lr,
                testOrder.samples());
        out.printf(Locale.ROOT, "%-28s %-22s %10s %12s %10s%n", "mode", "parallelism", "seconds", "samples/s", "accuracy");
        lines.forEach(out::println);
    }

    /** The first {@code limit} images of epoch 0, in order, one {@code graph.fit} per minibatch. */
    private static ComputationGraph fitInProcess(Architecture arch, ImageDataset train, SampleOrder order, int batch,
                                                 double lr, int limit) {
        ComputationGraph g = GraphBuilder.build(arch, SEED, lr);
        int[] epoch = order.epoch(0);
        for (int from = 0; from < limit; from += batch) {
            g.fit(Trainer.toDataSet(train, Arrays.copyOfRange(epoch, from, Math.min(limit, from + batch)), arch));
        }
        return g;
    }

    private static double accuracy(ComputationGraph g, ImageDataset test, SampleOrder order, Architecture arch) {
        DataSet d = Trainer.toDataSet(test, order.selection(), arch);
        Evaluation e = new Evaluation(test.numClasses());
        e.eval(d.getLabels(), g.outputSingle(false, d.getFeatures()));
        return e.accuracy();
    }

    private static String line(String mode, String parallelism, int samples, double seconds, double accuracy) {
        return String.format(Locale.ROOT, "%-28s %-22s %10.1f %12.0f %10.3f", mode, parallelism, seconds,
                samples / seconds, accuracy);
    }
}
