package io.hwnas.spark;

import com.fasterxml.jackson.databind.JsonNode;
import io.hwnas.io.Mappers;
import io.hwnas.arch.Architecture;
import io.hwnas.data.ImageDataset;
import io.hwnas.dl4j.GraphBuilder;
import io.hwnas.dl4j.Trainer;
import io.hwnas.io.StrictYaml;
import io.hwnas.space.SearchSpace;
import io.hwnas.space.Seeds;
import io.hwnas.space.SpaceCapability;
import io.hwnas.spark.config.ConfigException;
import io.hwnas.spark.config.FinalTrainingSettings;
import io.hwnas.spark.config.SweepConfig;
import io.hwnas.spark.finaltrain.DeployedForm;
import io.hwnas.spark.finaltrain.FinalResult;
import io.hwnas.spark.finaltrain.FrontMember;
import io.hwnas.spark.finaltrain.ImageFiles;
import io.hwnas.spark.finaltrain.Minibatches;
import io.hwnas.spark.finaltrain.ParameterAveraging;
import io.hwnas.spark.finaltrain.SampleOrder;
import io.hwnas.spark.store.CompletedRun;
import io.hwnas.spark.store.Csv;
import io.hwnas.spark.store.FinalTrainingProvenance;
import io.hwnas.spark.store.RunDirectory;
import io.hwnas.transform.CollapseResult;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Final training of a finished sweep's front: every chosen member is trained in its training-time
 * form on the cluster (dl4j-spark parameter averaging, minibatches built on the executors), scored
 * on the test files, and exported into {@code <run>/final/}: the trained DL4J model and, when the
 * deployment collapse rewrites the net, the deployed model carrying the trained weights, checked
 * against the trained one on test images. Members are trained one after another, each using the
 * whole cluster, and nothing is published until all are done.
 */
public final class FinalTrainingJob {
    private static final Logger LOG = LoggerFactory.getLogger(FinalTrainingJob.class);

    public static final String DIRECTORY = "final";
    public static final String CSV_FILE = "final-training.csv";
    public static final String PROVENANCE_FILE = "final-training.json";
    /** The seed stream of final training: search batches are numbered from 0, so no sweep candidate shares these seeds. */
    public static final int SEED_STREAM = -1;
    /** Test images the deployed model is compared on (fewer when the test selection is smaller). */
    public static final int CHECK_IMAGES = 256;

    /**
     * A final training checked against the run, the space and the data, ready to start.
     *
     * @param trainSamples training images per epoch (the selection from {@code trainImages})
     * @param testSamples test images scored (the selection from {@code testImages})
     */
    public record Plan(CompletedRun run, SweepConfig sweep, FinalTrainingSettings settings, List<FrontMember> members,
                       int trainImages, int testImages, int trainSamples, int testSamples) {
        public Plan {
            members = List.copyOf(members);
        }
    }

    /** A published final training: where it was written and one result per member, in front order. */
    public record Outcome(URI directory, List<FinalResult> results) {
    }

    private FinalTrainingJob() {
    }

    /** The seed of front member {@code candidateId}: initial weights, epoch orders and averaging rounds. */
    public static long seed(long runSeed, int candidateId) {
        return Seeds.derive(runSeed, SEED_STREAM, candidateId);
    }

    /**
     * The sweep config a run recorded, bound and validated without the outside world (its devices
     * and data directory may be elsewhere by now); refused when its space has no networks or its task is
     * super-resolution, which final training does not do yet.
     */
    public static SweepConfig sweepConfig(CompletedRun run) {
        String source = run.location() + "/run.json (configText)";
        SweepConfig config = StrictYaml.read(run.configText(), SweepConfig.class, source);
        if (!config.space().has(SpaceCapability.NETWORKS)) {
            throw new ConfigException(source + ": the '" + config.space().type()
                    + "' space has no networks to train (a tabular sweep looks results up)");
        }
        if (!config.task().isClassification()) {
            throw new ConfigException(source + ": field 'task.type' = '" + config.task().type()
                    + "': final training and export "
                    + "handle classifiers only so far (allowed: classification)");
        }
        return config;
    }

    /**
     * Everything that can be checked before Spark starts: {@code final/} is free (or replaced), the
     * front exists and its rows map back to the space, the requested members are on it, and the
     * dataset has the requested images (which also loads it on the driver).
     */
    public static Plan prepare(CompletedRun run, SweepConfig sweep, FinalTrainingSettings settings) {
        if (!settings.force() && run.contains(DIRECTORY)) {
            throw new ConfigException("RUN_DIR '" + run.location() + "' already has a " + DIRECTORY
                    + "/ directory; give --force to replace it once the new final training is complete");
        }
        String source = "pareto-" + settings.front() + ".csv";
        List<Map<String, String>> rows = run.front(settings.front());
        List<FrontMember> members = new ArrayList<>();
        for (Map<String, String> row : rows) {
            members.add(FrontMember.resolve(sweep.space(), row, source));
        }
        if (members.isEmpty()) {
            throw new ConfigException("front '" + settings.front() + "' of " + run.location() + " is empty: "
                    + "no candidate succeeded with every objective measured");
        }
        if (!settings.candidates().isEmpty()) {
            Set<Integer> onFront = new TreeSet<>(members.stream().map(FrontMember::candidateId).toList());
            for (int id : settings.candidates()) {
                if (!onFront.contains(id)) {
                    throw new ConfigException("option '--candidate' = " + id + " is not on front '" + settings.front()
                            + "' (candidates there: " + onFront + ")");
                }
            }
            members = members.stream().filter(m -> settings.candidates().contains(m.candidateId())).toList();
        }
        ImageDataset train;
        ImageDataset test;
        try {
            train = ImageFiles.training(settings.dataPath());
            test = ImageFiles.test(settings.dataPath());
        } catch (UncheckedIOException | IllegalArgumentException e) {
            throw new ConfigException("option '--data' = '" + settings.dataPath() + "': " + e.getMessage(), e);
        }
        int trainSamples = samples("--train-samples", settings.trainSamples(), train.size(), settings.dataPath());
        int testSamples = samples("--test-samples", settings.testSamples(), test.size(), settings.dataPath());
        for (FrontMember m : members) {
            Architecture arch = sweep.space().decode(m.choice());
            if (arch.input().channels() != 1 || arch.input().height() != train.rows() || arch.input().width() != train.cols()) {
                throw new ConfigException("candidate " + m.candidateId() + " expects input " + arch.input() + " but "
                        + settings.dataPath() + " has 1x" + train.rows() + "x" + train.cols() + " images");
            }
        }
        return new Plan(run, sweep, settings, members, train.size(), test.size(), trainSamples, testSamples);
    }

    private static int samples(String option, int requested, int available, String path) {
        if (requested > available) {
            throw new ConfigException("option '" + option + "' = " + requested + " exceeds the " + available
                    + " images in " + path + " (0 = all of them)");
        }
        return requested == 0 ? available : requested;
    }

    public static Outcome run(SparkSession spark, Plan plan) {
        Instant started = Instant.now();
        FinalTrainingSettings s = plan.settings();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int workers = s.workers() > 0 ? s.workers() : jsc.defaultParallelism();
        ParameterAveraging cluster = new ParameterAveraging(jsc, workers, s.averagingFrequency());
        long runSeed = plan.run().seed();
        long dataSeed = plan.sweep().data().seed();
        SampleOrder testOrder = new SampleOrder(plan.testImages(), plan.testSamples(), dataSeed, null);
        LOG.info("final training of {} member(s) of front '{}' of {}: {} epoch(s) of {} images, batch {}, {} workers "
                        + "averaging every {} minibatches, test on {} images", plan.members().size(), s.front(),
                plan.run().runId(), s.epochs(), plan.trainSamples(), s.batchSize(), workers, s.averagingFrequency(),
                plan.testSamples());
        RunDirectory dir = RunDirectory.create(plan.run().path(), DIRECTORY, spark.sparkContext().hadoopConfiguration(),
                s.force());
        try {
            List<FinalResult> results = new ArrayList<>();
            JsonNode master = null;
            for (FrontMember member : plan.members()) {
                long seed = seed(runSeed, member.candidateId());
                ParameterAveragingTrainingMaster tm = cluster.master(s.batchSize(), seed);
                if (master == null) {
                    master = Mappers.json().readTree(tm.toJson());
                }
                results.add(train(plan, member, seed, cluster, tm, testOrder, dir));
            }
            dir.writeText(CSV_FILE, Csv.write(FinalResult.COLUMNS, results.stream().map(FinalResult::row).toList()));
            FinalTrainingProvenance provenance = FinalTrainingProvenance.of(spark.sparkContext(),
                    plan.run().location().toString(), plan.run().runId(), s, runSeed, dataSeed, plan.trainImages(),
                    plan.testImages(), workers, master, started, results.size(), DeployedForm.TOLERANCE);
            URI written = dir.publish(PROVENANCE_FILE, provenance);
            LOG.info("final training of {} finished: {}", plan.run().runId(), written);
            return new Outcome(written, results);
        } catch (IOException e) {
            dir.abort();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            dir.abort();
            throw e;
        }
    }

    private static FinalResult train(Plan plan, FrontMember member, long seed, ParameterAveraging cluster,
                                     ParameterAveragingTrainingMaster tm, SampleOrder testOrder, RunDirectory dir)
            throws IOException {
        FinalTrainingSettings s = plan.settings();
        SearchSpace space = plan.sweep().space();
        Architecture arch = space.decode(member.choice());
        String what = "candidate " + member.candidateId();
        LOG.info("{} {}: training {}", what, member.choicesJson(), arch.fingerprint());
        SampleOrder trainOrder = new SampleOrder(plan.trainImages(), plan.trainSamples(), plan.sweep().data().seed(), seed);
        ComputationGraph initial = GraphBuilder.build(arch, seed, s.learningRate());
        ParameterAveraging.Fitted fitted = cluster.fit(initial, tm, s.epochs(),
                epoch -> new Minibatches(s.dataPath(), false, trainOrder, epoch, s.batchSize(), arch, s.threadsPerTask()));
        ComputationGraph trained = fitted.graph();
        ParameterAveraging.Scores scores = cluster.evaluate(trained, tm,
                new Minibatches(s.dataPath(), true, testOrder, 0, s.batchSize(), arch, s.threadsPerTask()),
                ImageFiles.test(s.dataPath()).numClasses());
        if (scores.samples() != plan.testSamples()) {
            throw new IllegalStateException(what + ": the evaluation on the cluster scored " + scores.samples()
                    + " test images, expected " + plan.testSamples());
        }
        String modelFile = "candidate-" + member.candidateId() + ".zip";
        write(dir, modelFile, trained, true);

        CollapseResult collapse = space.deploy(member.choice());
        String deployedFile = "";
        String deployedFingerprint = arch.fingerprint();
        double diff = Double.NaN;
        long checked = 0;
        if (!collapse.applied().isEmpty()) {
            int[] check = Arrays.copyOf(testOrder.selection(), Math.min(CHECK_IMAGES, plan.testSamples()));
            INDArray features = Trainer.toDataSet(ImageFiles.test(s.dataPath()), check, arch).getFeatures();
            DeployedForm deployed = DeployedForm.of(arch, trained, collapse, seed, features, what);
            deployedFile = "candidate-" + member.candidateId() + "-deployed.zip";
            write(dir, deployedFile, deployed.graph(), false);
            deployedFingerprint = deployed.architecture().fingerprint();
            diff = deployed.maxAbsDiff();
            checked = deployed.images();
        }
        FinalResult result = new FinalResult(member.candidateId(), member.fingerprint(), member.choicesJson(),
                member.sweepAccuracy(), scores.accuracy(), scores.loss(), plan.testSamples(), plan.trainSamples(),
                s.epochs(), s.batchSize(), seed, fitted.seconds(), modelFile, deployedFile, deployedFingerprint,
                collapse.applied().size(), diff, checked);
        LOG.info("{}: test accuracy {}, loss {}, {} samples/s, deployed max |diff| {}", what,
                String.format(Locale.ROOT, "%.4f", result.testAccuracy()),
                String.format(Locale.ROOT, "%.4f", result.testLoss()),
                Math.round(result.trainSamplesPerSecond()), diff);
        return result;
    }

    /** @param updater keep the optimiser state too, so the model can be trained further */
    private static void write(RunDirectory dir, String name, ComputationGraph graph, boolean updater) throws IOException {
        try (OutputStream out = dir.create(name)) {
            ModelSerializer.writeModel(graph, out, updater);
        }
    }
}
