package io.hwnas.spark.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hwnas.io.Mappers;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureJson;
import io.hwnas.onnx.Int8Accuracy;
import io.hwnas.onnx.Int8Model;
import io.hwnas.onnx.OnnxExport;
import io.hwnas.onnx.OnnxModel;
import io.hwnas.onnx.OnnxRuntimeCheck;
import io.hwnas.space.SearchSpace;
import io.hwnas.spark.FinalTrainingJob;
import io.hwnas.spark.config.ConfigException;
import io.hwnas.spark.config.SweepConfig;
import io.hwnas.spark.finaltrain.DeployedForm;
import io.hwnas.spark.finaltrain.FinalTrainingData;
import io.hwnas.spark.finaltrain.FrontMember;
import io.hwnas.spark.finaltrain.Int8Images;
import io.hwnas.spark.finaltrain.TrainedModels;
import io.hwnas.spark.store.BuildInfo;
import io.hwnas.spark.store.CompletedRun;
import io.hwnas.transform.CollapseResult;
import io.hwnas.transform.Dl4jParameters;
import io.hwnas.transform.Parameters;
import io.hwnas.transform.Rewrite;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Exports the chosen members of a finished sweep's front for deployment: per member the training-time
 * IR, the collapsed (deployed) IR, the DL4J model (train-front's trained one when there is one, else
 * the freshly initialised net), the deployed DL4J model with those weights mapped through the
 * collapse, checked against the source model, and the deployed net as ONNX, checked in ONNX Runtime
 * against the deployed DL4J model; plus a manifest. Runs on the driver alone: nothing is
 * trained, so no Spark is needed.
 */
public final class ModelExport {
    private static final Logger LOG = LoggerFactory.getLogger(ModelExport.class);
    private static final ObjectMapper JSON = Mappers.json();

    public static final String MANIFEST = "manifest.json";
    /** The export directory inside the run when no other is given. */
    public static final String DEFAULT_DIRECTORY = "export";
    /** Random inputs an untrained member's deployed model is compared on. */
    public static final int RANDOM_CHECK_INPUTS = 32;

    /**
     * @param candidates the front members to export, empty for all
     * @param out the export directory, null for {@code <run>/export}
     * @param dataPath where the test images for a trained member's check are, null for the sweep's {@code data.path}
     * @param force replace an earlier export at {@code out}
     */
    public record Settings(String front, List<Integer> candidates, Path out, String dataPath, boolean force) {
        public Settings {
            if (front == null || front.isBlank()) {
                throw new ConfigException("option '--front' must name a front, e.g. search");
            }
            candidates = candidates == null ? List.of() : List.copyOf(new LinkedHashSet<>(candidates));
        }
    }

    /** A front member with the row it was read from. */
    record Chosen(FrontMember member, Map<String, String> row) {
    }

    /**
     * An export checked against the run, the front, the final training and the output directory, ready to write.
     *
     * @param testData the test images trained members are checked on; empty when no member was trained
     */
    public record Plan(CompletedRun run, SweepConfig sweep, Settings settings, List<Chosen> members, Path out,
                       TrainedModels trained, Optional<FinalTrainingData> testData) {
        public Plan {
            members = List.copyOf(members);
        }

        /** Whether the run has a final training at all (for some members, perhaps not these). */
        public boolean finalTrainingPresent() {
            return trained.present();
        }

        /** The candidate ids that will be exported, in front order. */
        public List<Integer> candidateIds() {
            return members.stream().map(c -> c.member().candidateId()).toList();
        }
    }

    /** A published export: the directory and its manifest. */
    public record Outcome(Path directory, ExportManifest manifest) {
    }

    private ModelExport() {
    }

    /**
     * Everything checkable before any model is built: the run's space has networks, the front exists
     * and maps back to the space, the requested members are on it, the output directory is free (or
     * an earlier export, with --force), and the test images of trained members can be read.
     */
    public static Plan prepare(CompletedRun run, Settings s, Configuration conf) {
        SweepConfig sweep = FinalTrainingJob.sweepConfig(run);
        Path out = output(run, s);
        String source = "pareto-" + s.front() + ".csv";
        List<Chosen> members = new ArrayList<>();
        for (Map<String, String> row : run.front(s.front())) {
            members.add(new Chosen(FrontMember.resolve(sweep.space(), row, source, sweep.task().qualityColumn()), row));
        }
        if (members.isEmpty()) {
            throw new ConfigException("front '" + s.front() + "' of " + run.location() + " is empty: "
                    + "no candidate succeeded with every objective measured");
        }
        if (!s.candidates().isEmpty()) {
            Set<Integer> onFront = new TreeSet<>(members.stream().map(c -> c.member().candidateId()).toList());
            for (int id : s.candidates()) {
                if (!onFront.contains(id)) {
                    throw new ConfigException("option '--candidate' = " + id + " is not on front '" + s.front()
                            + "' (candidates there: " + onFront + ")");
                }
            }
            members = members.stream().filter(c -> s.candidates().contains(c.member().candidateId())).toList();
        }
        TrainedModels trained = TrainedModels.of(run, conf);
        Optional<FinalTrainingData> testData = Optional.empty();
        if (members.stream().anyMatch(c -> trained.row(c.member().candidateId()).isPresent())) {
            String dataPath = s.dataPath() == null ? sweep.data().path() : s.dataPath();
            String option = s.dataPath() == null ? "the sweep's data.path" : "option '--data'";
            testData = Optional.of(FinalTrainingData.open(sweep, dataPath, option, 0, 0));
        }
        return new Plan(run, sweep, s, members, out, trained, testData);
    }

    private static Path output(CompletedRun run, Settings s) {
        Path out = s.out();
        if (out == null) {
            if (!"file".equals(run.location().getScheme())) {
                throw new ConfigException("RUN_DIR '" + run.location() + "' is not on the local file system; give --out DIR "
                        + "for the export (exports are written locally)");
            }
            out = Path.of(run.location()).resolve(DEFAULT_DIRECTORY);
        }
        if (Files.exists(out)) {
            if (!s.force()) {
                throw new ConfigException("the export directory '" + out + "' (option '--out') already exists; give "
                        + "--force to replace it (once the new export is complete)");
            }
            if (!Files.isRegularFile(out.resolve(MANIFEST))) {
                throw new ConfigException("the export directory '" + out + "' (option '--out') exists and is not an "
                        + "export (no " + MANIFEST + "); refusing to replace it even with --force");
            }
        }
        return out;
    }

    public static Outcome write(Plan plan) {
        return write(plan, UnaryOperator.identity());
    }

    /** {@link #write(Plan)} with {@code onnxWeights} applied to the weights each ONNX model is built from. */
    static Outcome write(Plan plan, UnaryOperator<Parameters> onnxWeights) {
        ExportDirectory dir = ExportDirectory.create(plan.out());
        try {
            List<ExportManifest.Member> members = new ArrayList<>();
            for (Chosen c : plan.members()) {
                members.add(export(plan, c, dir, onnxWeights));
            }
            CompletedRun run = plan.run();
            boolean anyTrained = members.stream().anyMatch(ExportManifest.Member::trained);
            ExportManifest manifest = new ExportManifest(ExportManifest.FORMAT, run.runId(), run.location().toString(),
                    run.location() + "/run.json", plan.settings().front(),
                    run.location() + "/pareto-" + plan.settings().front() + ".csv",
                    anyTrained ? plan.trained().provenance() : null, Instant.now().toString(), BuildInfo.current(),
                    DeployedForm.TOLERANCE, members);
            dir.writeText(MANIFEST, Mappers.prettyJson().writeValueAsString(manifest));
            Path published = dir.publish();
            LOG.info("exported {} member(s) of front '{}' of {} to {}", members.size(), plan.settings().front(),
                    run.runId(), published);
            return new Outcome(published, manifest);
        } catch (JsonProcessingException e) {
            dir.abort();
            throw new UncheckedIOException("cannot write " + MANIFEST, e);
        } catch (RuntimeException e) {
            dir.abort();
            throw e;
        }
    }

    private static ExportManifest.Member export(Plan plan, Chosen chosen, ExportDirectory dir,
                                                UnaryOperator<Parameters> onnxWeights) {
        FrontMember m = chosen.member();
        int id = m.candidateId();
        String what = "candidate " + id;
        SearchSpace space = plan.sweep().space();
        Architecture arch = space.decode(m.choice());
        CollapseResult collapse = space.deploy(m.choice());
        long seed = FinalTrainingJob.seed(plan.run().seed(), id);
        String base = "candidate-" + id;
        Optional<Map<String, String>> trainedRow = plan.trained().row(id);
        // int8 needs real images to calibrate on and labels to score: a trained classifier's
        Optional<Int8Images> int8Images = trainedRow.isPresent() ? plan.testData().orElseThrow().int8Images(arch)
                : Optional.empty();
        ExportManifest.Files files = new ExportManifest.Files(base + ".json", base + "-deployed.json", base + ".zip",
                base + "-deployed.zip", base + "-deployed.onnx",
                int8Images.isPresent() ? base + "-deployed-int8.onnx" : null);

        ComputationGraph graph;
        INDArray features;
        String checkedOn;
        String trainedFrom = null;
        Map<String, Double> test = null;
        if (trainedRow.isPresent()) {
            Map<String, String> row = trainedRow.get();
            if (!m.fingerprint().equals(row.get("fingerprint"))) {
                throw new IllegalStateException(what + ": final/" + FinalTrainingJob.CSV_FILE + " records fingerprint "
                        + row.get("fingerprint") + " but the front has " + m.fingerprint());
            }
            trainedFrom = plan.trained().location(row.get("model_file"));
            byte[] model = plan.trained().bytes(row.get("model_file"));
            dir.writeBytes(files.model(), model); // the file itself, updater state included, so training can go on
            graph = TrainedModels.restore(model, trainedFrom);
            test = testScores(row);
            FinalTrainingData data = plan.testData().orElseThrow();
            features = data.checkInputs(arch);
            checkedOn = data.checkedOn();
        } else {
            graph = FinalTrainingData.build(plan.sweep().task(), arch, seed, plan.sweep().training().learningRate());
            writeModel(dir, files.model(), graph, true);
            features = randomInputs(arch, seed);
            checkedOn = RANDOM_CHECK_INPUTS + " random inputs (untrained weights)";
        }
        DeployedForm deployed = DeployedForm.of(plan.sweep().task(), arch, graph, collapse, seed, features, what);
        writeModel(dir, files.deployedModel(), deployed.graph(), false);
        Architecture deployedArch = deployed.architecture();
        OnnxModel fp32 = OnnxExport.of(deployedArch, onnxWeights.apply(Dl4jParameters.read(deployedArch,
                deployed.graph())));
        ExportManifest.Onnx onnx = writeOnnx(dir, files.onnx(), fp32, deployed, features, what);
        ExportManifest.Int8 int8 = int8Images.map(images -> writeInt8(dir, files.int8Onnx(), fp32, images))
                .orElse(null);
        dir.writeText(files.architecture(), ArchitectureJson.writePretty(arch));
        dir.writeText(files.deployedArchitecture(), ArchitectureJson.writePretty(deployed.architecture()));
        LOG.info("{}: {} model, {} rewrites, deployed max |diff| {}, ONNX max |diff| {} on {}", what,
                trainedRow.isPresent() ? "trained" : "untrained", collapse.applied().size(), deployed.maxAbsDiff(),
                onnx.maxAbsDiff(), checkedOn);
        return new ExportManifest.Member(id, m.fingerprint(), deployed.architecture().fingerprint(), choices(m),
                metrics(chosen.row()), trainedRow.isPresent(), trainedFrom, test, seed, files,
                collapse.applied().stream().map(Rewrite::toString).toList(), checkedOn, deployed.maxAbsDiff(), onnx,
                int8);
    }

    /**
     * The deployed net as ONNX ({@code model}), written once ONNX Runtime has run it on {@code features} and every
     * output agreed with the deployed DL4J model's; else the export fails naming the output and the difference.
     */
    private static ExportManifest.Onnx writeOnnx(ExportDirectory dir, String name, OnnxModel model,
                                                 DeployedForm deployed, INDArray features, String what) {
        OnnxRuntimeCheck.Result check = OnnxRuntimeCheck.check(model, deployed.graph(), features, what);
        dir.writeBytes(name, model.bytes());
        return new ExportManifest.Onnx(OnnxExport.OPSET, OnnxExport.IR_VERSION, check.runtime(), check.inputs(),
                check.maxAbsDiff(), check.tolerance());
    }

    /** The int8 QDQ model of {@code fp32}, calibrated on {@code images}, and both models' test accuracy. */
    private static ExportManifest.Int8 writeInt8(ExportDirectory dir, String name, OnnxModel fp32, Int8Images images) {
        Int8Accuracy accuracy = images.measure(fp32);
        Int8Model int8 = accuracy.int8Model();
        dir.writeBytes(name, int8.model().bytes());
        return new ExportManifest.Int8(int8.calibration().id(), int8.calibrationImages(), images.calibratedOn(),
                int8.int8Activations(), int8.int8Weights(), accuracy.images(), accuracy.fp32(), accuracy.int8(),
                accuracy.drop());
    }

    /** The {@code test_<column>} cells of a final-training.csv row, by column, in file order. */
    private static Map<String, Double> testScores(Map<String, String> row) {
        Map<String, Double> out = new LinkedHashMap<>();
        row.forEach((column, value) -> {
            if (column.startsWith("test_") && !column.equals("test_samples")) {
                out.put(column.substring("test_".length()), Double.parseDouble(value));
            }
        });
        return Collections.unmodifiableMap(out);
    }

    /** @param updater keep the optimiser state, so the model can be trained further */
    private static void writeModel(ExportDirectory dir, String name, ComputationGraph graph, boolean updater) {
        try (OutputStream out = dir.create(name)) {
            ModelSerializer.writeModel(graph, out, updater);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write model " + name, e);
        }
    }

    /** Standard normal inputs, seeded, in the net's input shape (NCHW). */
    private static INDArray randomInputs(Architecture arch, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        long elements = arch.input().elements();
        float[] v = new float[Math.toIntExact(RANDOM_CHECK_INPUTS * elements)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        return Nd4j.create(v, new long[] {RANDOM_CHECK_INPUTS, arch.input().channels(), arch.input().height(),
                arch.input().width()}, 'c');
    }

    private static Map<String, String> choices(FrontMember m) {
        try {
            return JSON.readValue(m.choicesJson(), new TypeReference<LinkedHashMap<String, String>>() { });
        } catch (JsonProcessingException e) {
            // FrontMember.resolve parsed the same text already
            throw new IllegalStateException("candidate " + m.candidateId() + ": choices " + m.choicesJson(), e);
        }
    }

    /** The front row's columns other than the identity ones: numbers as numbers, NaN and text as text, empty as null. */
    static Map<String, Object> metrics(Map<String, String> row) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : row.entrySet()) {
            if (List.of("candidate_id", "fingerprint", "choices").contains(e.getKey())) {
                continue;
            }
            out.put(e.getKey(), value(e.getValue()));
        }
        return Collections.unmodifiableMap(out);
    }

    private static Object value(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException notAnInteger) {
            try {
                double d = Double.parseDouble(text);
                return Double.isFinite(d) ? d : text;
            } catch (NumberFormatException notANumber) {
                return text;
            }
        }
    }
}
