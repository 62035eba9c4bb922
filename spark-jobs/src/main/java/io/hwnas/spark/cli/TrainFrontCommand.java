package io.hwnas.spark.cli;

import io.hwnas.io.HadoopConfigurations;
import io.hwnas.spark.FinalTrainingJob;
import io.hwnas.spark.SweepJob;
import io.hwnas.spark.config.ConfigException;
import io.hwnas.spark.config.FinalTrainingSettings;
import io.hwnas.spark.config.SweepConfig;
import io.hwnas.spark.finaltrain.FinalResult;
import io.hwnas.spark.report.RunReport;
import io.hwnas.spark.store.CompletedRun;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "train-front", mixinStandardHelpOptions = true,
        description = "Train the members of a finished sweep's Pareto front on the cluster (dl4j-spark parameter "
                + "averaging), score them on the test set (accuracy, PSNR and SSIM for super-resolution, mAP on test "
                + "canvases for detection) and export the trained and deployed DL4J models into RUN_DIR/final/; a "
                + "detection run's report is written again, with the trained members' boxes.")
final class TrainFrontCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN_DIR", description = "a run directory written by 'hwnas sweep' (local path or Hadoop URI)")
    String runDir;

    @Option(names = "--front", paramLabel = "NAME", defaultValue = FinalTrainingSettings.DEFAULT_FRONT,
            description = "which front: pareto-NAME.csv (default: ${DEFAULT-VALUE}, the search goal's)")
    String front;

    @Option(names = "--candidate", paramLabel = "ID", description = "train only this front member (repeatable; default: all)")
    List<Integer> candidates;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "" + FinalTrainingSettings.DEFAULT_EPOCHS,
            description = "epochs over the training images (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--train-samples", paramLabel = "N", defaultValue = "0",
            description = "training images per epoch, a seeded draw (default: all of the training file, 60,000 for "
                    + "Fashion-MNIST); for super-resolution, random patches per epoch (default: the sweep's data.trainSamples)")
    int trainSamples;

    @Option(names = "--test-samples", paramLabel = "N", defaultValue = "0",
            description = "test images to score on (default: all of the test file, 10,000 for Fashion-MNIST; for "
                    + "super-resolution, all the sweep's held-out images, scored whole)")
    int testSamples;

    @Option(names = "--batch-size", paramLabel = "N", description = "minibatch per worker (default: the sweep's training.batchSize)")
    Integer batchSize;

    @Option(names = "--learning-rate", paramLabel = "LR", description = "Adam learning rate (default: the sweep's training.learningRate)")
    Double learningRate;

    @Option(names = "--averaging-frequency", paramLabel = "N", defaultValue = "" + FinalTrainingSettings.DEFAULT_AVERAGING_FREQUENCY,
            description = "minibatches each worker fits between two parameter averagings (default: ${DEFAULT-VALUE})")
    int averagingFrequency;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "0",
            description = "parallel training tasks (default: Spark's default parallelism)")
    int workers;

    @Option(names = "--threads-per-task", paramLabel = "N",
            description = "ND4J threads per Spark task (default: the sweep's execution.threadsPerTask)")
    Integer threadsPerTask;

    @Option(names = "--data", paramLabel = "DIR",
            description = "dataset directory every executor can read (default: the sweep's data.path)")
    String data;

    @Option(names = "--force", description = "replace an existing RUN_DIR/final/ (only once the new one is complete)")
    boolean force;

    @Mixin
    SparkMaster sparkMaster;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CompletedRun run = CompletedRun.open(runDir, HadoopConfigurations.create());
        SweepConfig sweep = FinalTrainingJob.sweepConfig(run);
        FinalTrainingJob.Plan plan = FinalTrainingJob.prepare(run, sweep, settings(sweep));
        try (SparkSession spark = sparkMaster.session("hwnas-train-front " + run.runId())) {
            print(spec.commandLine().getOut(), FinalTrainingJob.run(spark, plan));
            if (sweep.task().isDetection()) {
                // the report's detection panel draws the trained members' boxes: written again now they exist
                if (SweepJob.writeReport(run.location(), spark.sparkContext().hadoopConfiguration())) {
                    spec.commandLine().getOut().printf("report with their boxes on test canvases: %s/%s/%s%n",
                            run.location(), RunReport.DIRECTORY, RunReport.INDEX);
                    spec.commandLine().getOut().flush();
                }
            }
        }
        return 0;
    }

    private FinalTrainingSettings settings(SweepConfig sweep) {
        try {
            return new FinalTrainingSettings(front, candidates, epochs, trainSamples, testSamples,
                    batchSize == null ? sweep.training().batchSize() : batchSize,
                    learningRate == null ? sweep.training().learningRate() : learningRate, averagingFrequency, workers,
                    threadsPerTask == null ? sweep.execution().threadsPerTask() : threadsPerTask,
                    data == null ? sweep.data().path() : data, force);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    /** One line per member: its test scores (the task's: accuracy, or PSNR, SSIM, bicubic PSNR), then the rest. */
    private static void print(PrintWriter out, FinalTrainingJob.Outcome outcome) {
        FinalResult first = outcome.results().get(0);
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-6s", "id"));
        first.test().keySet().forEach(c -> header.append(String.format(Locale.ROOT, " %12s", "test_" + c)));
        header.append(String.format(Locale.ROOT, " %12s %9s %10s %12s  %s", "sweep_" + first.quality(), "train_s",
                "samples/s", "deployed_Δ", "choices"));
        out.println(header);
        for (FinalResult r : outcome.results()) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "#%-5d", r.candidateId()));
            r.test().values().forEach(v -> line.append(String.format(Locale.ROOT, " %12.4f", v)));
            line.append(String.format(Locale.ROOT, " %12.4f %9.1f %10.0f %12.3g  %s", r.sweepQuality(), r.trainSeconds(),
                    r.trainSamplesPerSecond(), r.deployedMaxAbsDiff(), r.choices()));
            out.println(line);
        }
        out.printf("%nmodels and final-training.csv: %s%n", outcome.directory());
        out.flush();
    }
}
