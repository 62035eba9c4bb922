package io.hwnas.spark;

import com.fasterxml.jackson.databind.JsonNode;
import io.hwnas.io.Mappers;
import io.hwnas.arch.Architecture;
import io.hwnas.io.StrictYaml;
import io.hwnas.onnx.Int8Accuracy;
import io.hwnas.onnx.OnnxExport;
import io.hwnas.space.SearchSpace;
import io.hwnas.space.Seeds;
import io.hwnas.space.SpaceCapability;
import io.hwnas.spark.config.ConfigException;
import io.hwnas.spark.config.FinalTrainingSettings;
import io.hwnas.spark.config.SweepConfig;
import io.hwnas.spark.finaltrain.DeployedForm;
import io.hwnas.spark.finaltrain.FinalResult;
import io.hwnas.spark.finaltrain.FinalTrainingData;
import io.hwnas.spark.finaltrain.FrontMember;
import io.hwnas.spark.finaltrain.Int8Images;
import io.hwnas.spark.finaltrain.ParameterAveraging;
import io.hwnas.spark.finaltrain.TrainedModels;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Final training of a finished sweep's front: every chosen member is trained in its training-time
 * form on the cluster (dl4j-spark parameter averaging, minibatches built on the executors), scored
 * as its task is scored ({@link FinalTrainingData}: test accuracy, PSNR, SSIM and the bicubic baseline on
 * held-out images for super-resolution, or mAP on test canvases for detection), and exported into
 * {@code <run>/final/}: the trained DL4J model and, when the deployment collapse rewrites the net, the deployed
 * model carrying the trained weights, checked against the trained one on test images. Members are trained one after
 * another, each using the whole cluster, and nothing is published until all are done.
 */
public final class FinalTrainingJob {
    private static final Logger LOG = LoggerFactory.getLogger(FinalTrainingJob.class);

    public static final String DIRECTORY = TrainedModels.DIRECTORY;
    public static final String CSV_FILE = TrainedModels.CSV_FILE;
    public static final String PROVENANCE_FILE = TrainedModels.PROVENANCE_FILE;
    /** The seed stream of final training: search batches are numbered from 0, so no sweep candidate shares these seeds. */
    public static final int SEED_STREAM = -1;
    /** A final training checked against the run, the space and the data, ready to start. */
    public record Plan(CompletedRun run, SweepConfig sweep, FinalTrainingSettings settings, List<FrontMember> members,
                       FinalTrainingData data) {
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
     * and data directory may be elsewhere by now); refused when its space has no networks.
     */
    public static SweepConfig sweepConfig(CompletedRun run) {
        String source = run.location() + "/run.json (configText)";
        SweepConfig config = StrictYaml.read(run.configText(), SweepConfig.class, source);
        if (!config.space().has(SpaceCapability.NETWORKS)) {
            throw new ConfigException(source + ": the '" + config.space().type()
                    + "' space has no networks to train (a tabular sweep looks results up)");
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
            members.add(FrontMember.resolve(sweep.space(), row, source, sweep.task().qualityColumn()));
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
        FinalTrainingData data = FinalTrainingData.open(sweep, settings.dataPath(), "option '--data'",
                settings.trainSamples(), settings.testSamples());
        for (FrontMember m : members) {
            data.requireInput(sweep.space().decode(m.choice()), m.candidateId());
        }
        return new Plan(run, sweep, settings, members, data);
    }

    public static Outcome run(SparkSession spark, Plan plan) {
        Instant started = Instant.now();
        FinalTrainingSettings s = plan.settings();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int workers = s.workers() > 0 ? s.workers() : jsc.defaultParallelism();
        ParameterAveraging cluster = new ParameterAveraging(jsc, workers, s.averagingFrequency());
        long runSeed = plan.run().seed();
        long dataSeed = plan.sweep().data().seed();
        FinalTrainingData data = plan.data();
        LOG.info("final training of {} member(s) of front '{}' of {}: {} epoch(s) of {} samples, batch {}, {} workers "
                        + "averaging every {} minibatches, test on {} images", plan.members().size(), s.front(),
                plan.run().runId(), s.epochs(), data.trainSamples(), s.batchSize(), workers, s.averagingFrequency(),
                data.testSamples());
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
                results.add(train(plan, member, seed, cluster, tm, dir));
            }
            List<Map<String, Object>> rows = results.stream().map(FinalResult::row).toList();
            dir.writeText(CSV_FILE, Csv.write(results.get(0).columns(), rows));
            FinalTrainingProvenance provenance = FinalTrainingProvenance.of(spark.sparkContext(),
                    plan.run().location().toString(), plan.run().runId(), s, runSeed, dataSeed, data.trainImages(),
                    data.testImages(), workers, master, started, results.size(), DeployedForm.TOLERANCE);
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
                                     ParameterAveragingTrainingMaster tm, RunDirectory dir) throws IOException {
        FinalTrainingSettings s = plan.settings();
        FinalTrainingData data = plan.data();
        SearchSpace space = plan.sweep().space();
        Architecture arch = space.decode(member.choice());
        String what = "candidate " + member.candidateId();
        LOG.info("{} {}: training {}", what, member.choicesJson(), arch.fingerprint());
        ComputationGraph initial = FinalTrainingData.build(plan.sweep().task(), arch, seed, s.learningRate());
        ParameterAveraging.Fitted fitted = cluster.fit(initial, tm, s.epochs(),
                epoch -> data.epoch(arch, seed, epoch, s.batchSize(), s.threadsPerTask()));
        ComputationGraph trained = fitted.graph();
        Map<String, Double> test;
        try {
            test = data.score(trained, arch, cluster, tm, s.batchSize(), s.threadsPerTask());
        } catch (IllegalStateException e) {
            throw new IllegalStateException(what + ": " + e.getMessage(), e);
        }
        String modelFile = "candidate-" + member.candidateId() + ".zip";
        write(dir, modelFile, trained, true);

        CollapseResult collapse = space.deploy(member.choice());
        String deployedFile = "";
        String deployedFingerprint = arch.fingerprint();
        double diff = Double.NaN;
        long checked = 0;
        Architecture deployedArch = arch;
        ComputationGraph deployedGraph = trained;
        if (!collapse.applied().isEmpty()) {
            DeployedForm deployed = DeployedForm.of(plan.sweep().task(), arch, trained, collapse, seed,
                    data.checkInputs(arch), what);
            deployedFile = "candidate-" + member.candidateId() + "-deployed.zip";
            write(dir, deployedFile, deployed.graph(), false);
            deployedFingerprint = deployed.architecture().fingerprint();
            diff = deployed.maxAbsDiff();
            checked = deployed.images();
            deployedArch = deployed.architecture();
            deployedGraph = deployed.graph();
        }
        Optional<Int8Images> int8Images = data.int8Images(arch);
        if (int8Images.isPresent()) {
            test = withInt8(test, int8Images.get().measure(OnnxExport.of(deployedArch, deployedGraph)));
        }
        String quality = plan.sweep().task().qualityColumn();
        FinalResult result = new FinalResult(member.candidateId(), member.fingerprint(), member.choicesJson(), quality,
                test, member.sweepQuality(), data.testSamples(), data.trainSamples(), s.epochs(), s.batchSize(), seed,
                fitted.seconds(), modelFile, deployedFile, deployedFingerprint, collapse.applied().size(), diff, checked);
        LOG.info("{}: test {}, {} samples/s, deployed max |diff| {}", what, test,
                Math.round(result.trainSamplesPerSecond()), diff);
        return result;
    }

    /**
     * {@code test} and the deployed net's int8 test accuracy in ONNX Runtime ({@code accuracy_int8}) with what int8
     * costs against the fp32 ONNX model on the same images ({@code int8_drop}).
     */
    private static Map<String, Double> withInt8(Map<String, Double> test, Int8Accuracy int8) {
        Map<String, Double> out = new LinkedHashMap<>(test);
        out.put("accuracy_int8", int8.int8());
        out.put("int8_drop", int8.drop());
        return out;
    }

    /** @param updater keep the optimiser state too, so the model can be trained further */
    private static void write(RunDirectory dir, String name, ComputationGraph graph, boolean updater) throws IOException {
        try (OutputStream out = dir.create(name)) {
            ModelSerializer.writeModel(graph, out, updater);
        }
    }
}
