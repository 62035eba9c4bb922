package io.hwnas.spark.cli;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import onnx.Onnx;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureJson;
import io.hwnas.data.FashionMnist;
import io.hwnas.dl4j.GraphBuilder;
import io.hwnas.dl4j.Trainer;
import io.hwnas.io.Mappers;
import io.hwnas.space.SearchSpace;
import io.hwnas.spark.FinalTrainingJob;
import io.hwnas.spark.SmallSweeps;
import io.hwnas.spark.config.SweepConfig;
import io.hwnas.spark.export.CorruptedExports;
import io.hwnas.spark.export.ModelExport;
import io.hwnas.spark.finaltrain.FrontMember;
import io.hwnas.spark.finaltrain.ImageFiles;
import io.hwnas.spark.store.CompletedRun;
import io.hwnas.spark.store.Csv;
import io.hwnas.transform.CollapseResult;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code hwnas export} on one real sweep (3 small CNNs with batch-norm, all on the front): without
 * final training (fresh weights), and on a copy of the run where train-front trained one member; each member's
 * ONNX model run in ONNX Runtime against its deployed DL4J model, and one with a corrupted weight refused.
 */
class ExportCommandTest {
    private static final String DATA = FashionMnist.DEFAULT_DIRECTORY;
    private static final ObjectMapper JSON = Mappers.json();

    @TempDir
    static Path tmp;
    private static Path run;
    private static Path trainedRun;
    private static int trainedId;
    private static List<Map<String, String>> front;
    private static SweepConfig sweep;
    private static long runSeed;

    @BeforeAll
    static void sweepAndTrainOneMemberOfACopy() throws Exception {
        assumeTrue(Files.isDirectory(Path.of(DATA)), "Fashion-MNIST not installed");
        Path cfg = Files.writeString(tmp.resolve("sweep.yaml"), SmallSweeps.config("export", 3, 3, """
                data: {trainSamples: 256, validationSamples: 256}
                training: {epochs: 1, batchSize: 32, learningRate: 0.003}
                devices: [host-cpu]
                output: %s
                """.formatted(tmp.resolve("runs"))));
        assertEquals(0, HwnasCli.execute("sweep", "--master", "local[2]", cfg.toString()));
        try (Stream<Path> s = Files.list(tmp.resolve("runs"))) {
            run = s.filter(p -> !p.getFileName().toString().startsWith(".")).findFirst().orElseThrow();
        }
        front = Csv.read(Files.readString(run.resolve("pareto-search.csv")));
        assertTrue(front.size() >= 2, "several members on the front: " + front);
        CompletedRun completed = CompletedRun.open(run.toString(), new Configuration());
        sweep = FinalTrainingJob.sweepConfig(completed);
        runSeed = completed.seed();

        trainedRun = tmp.resolve("copy").resolve(run.getFileName());
        copyTree(run, trainedRun);
        trainedId = Integer.parseInt(front.get(0).get("candidate_id"));
        assertEquals(0, HwnasCli.execute("train-front", trainedRun.toString(), "--master", "local[2]", "--candidate",
                "" + trainedId, "--train-samples", "256", "--test-samples", "256"));
    }

    @Test
    void exportsEveryFrontMemberWithFreshWeightsWhenTheRunHasNoFinalTraining() throws Exception {
        CostCommandsTest.Run r = CostCommandsTest.run("export", run.toString());
        assertEquals(0, r.code(), r.err());
        Path dir = run.resolve(ModelExport.DEFAULT_DIRECTORY);
        JsonNode manifest = JSON.readTree(dir.resolve(ModelExport.MANIFEST).toFile());
        assertEquals(run.getFileName().toString(), manifest.get("runId").asText());
        assertTrue(manifest.get("runJson").asText().endsWith("/run.json"));
        assertTrue(manifest.get("finalTraining").isNull());
        assertEquals(front.stream().map(f -> f.get("candidate_id")).toList(),
                stream(manifest.get("members")).map(m -> m.get("candidateId").asText()).toList(), "front order");

        for (JsonNode m : manifest.get("members")) {
            int id = m.get("candidateId").asInt();
            Map<String, String> row = row(id);
            SearchSpace space = sweep.space();
            FrontMember member = FrontMember.resolve(space, row, "pareto-search.csv", "accuracy");
            Architecture arch = space.decode(member.choice());
            CollapseResult deploy = space.deploy(member.choice());

            assertFalse(m.get("trained").asBoolean());
            assertTrue(m.get("trainedFrom").isNull() && m.get("test").isNull());
            assertEquals(row.get("fingerprint"), m.get("fingerprint").asText());
            assertEquals(JSON.readTree(row.get("choices")), m.get("choices"));
            assertEquals(Double.parseDouble(row.get("accuracy")), m.get("metrics").get("accuracy").asDouble());
            assertEquals(deploy.applied().size(), m.get("rewrites").size());
            assertTrue(m.get("rewrites").size() > 0, "batch-norm folds");
            assertTrue(m.get("checkedOn").asText().contains("random inputs"));
            double diff = m.get("maxAbsDiff").asDouble();
            assertTrue(diff >= 0 && diff <= 1e-4, "candidate " + id + ": " + diff);

            assertEquals(row.get("fingerprint"), ArchitectureJson.read(dir.resolve("candidate-" + id + ".json")).fingerprint());
            Architecture deployed = ArchitectureJson.read(dir.resolve("candidate-" + id + "-deployed.json"));
            assertEquals(deploy.architecture().fingerprint(), deployed.fingerprint());
            assertEquals(deployed.fingerprint(), m.get("deployedFingerprint").asText());

            // the model is the net train-front would start from: built with the member's final-training seed
            ComputationGraph model = ModelSerializer.restoreComputationGraph(dir.resolve("candidate-" + id + ".zip").toFile(), true);
            assertEquals(FinalTrainingJob.seed(runSeed, id), m.get("seed").asLong());
            ComputationGraph fresh = GraphBuilder.build(arch, FinalTrainingJob.seed(runSeed, id), sweep.training().learningRate());
            assertEquals(fresh.params(), model.params());
            ComputationGraph deployedModel = ModelSerializer.restoreComputationGraph(
                    dir.resolve("candidate-" + id + "-deployed.zip").toFile(), false);
            assertTrue(deployedModel.numParams() < model.numParams(), "folded batch-norm");
            INDArray inputs = Nd4j.rand(DataType.FLOAT, 16, 1, 28, 28);
            INDArray deployedOutput = deployedModel.outputSingle(false, inputs);
            assertTrue(maxAbsDiff(model.outputSingle(false, inputs), deployedOutput) <= 1e-4);

            JsonNode onnx = m.get("onnx");
            assertEquals(13, onnx.get("opset").asInt());
            assertEquals(7, onnx.get("irVersion").asInt());
            assertTrue(onnx.get("runtime").asText().startsWith("onnxruntime 1."), onnx.toString());
            assertEquals(ModelExport.RANDOM_CHECK_INPUTS, onnx.get("inputs").asInt());
            assertTrue(onnx.get("maxAbsDiff").asDouble() <= 1e-4, onnx.toString());
            Path onnxFile = dir.resolve(m.get("files").get("onnx").asText());
            assertEquals("candidate-" + id + "-deployed.onnx", onnxFile.getFileName().toString());
            assertTrue(maxAbsDiff(deployedOutput, runInOnnxRuntime(onnxFile, inputs)) <= 1e-4, "the ONNX file itself");
            assertTrue(m.get("int8").isNull() && m.get("files").get("int8Onnx").isNull(), "untrained: not quantised");
            assertFalse(Files.exists(dir.resolve("candidate-" + id + "-deployed-int8.onnx")));
        }
        assertTrue(r.out().contains("UNTRAINED") && r.out().contains("hwnas train-front " + run + "\n"), r.out());
        assertFalse(Files.exists(run.resolve("." + ModelExport.DEFAULT_DIRECTORY + ".inprogress")));

        CostCommandsTest.Run again = CostCommandsTest.run("export", run.toString());
        assertEquals(HwnasCli.BAD_INPUT, again.code());
        assertEquals(1, again.err().strip().lines().count(), again.err());
        assertTrue(again.err().contains("already exists") && again.err().contains("--force"), again.err());
    }

    @Test
    void copiesTrainFrontsModelAndChecksTheDeployedOneOnTestImages() throws Exception {
        Path dir = tmp.resolve("trained-export");
        CostCommandsTest.Run r = CostCommandsTest.run("export", trainedRun.toString(), "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode manifest = JSON.readTree(dir.resolve(ModelExport.MANIFEST).toFile());
        assertTrue(manifest.get("finalTraining").asText().endsWith("final/" + FinalTrainingJob.PROVENANCE_FILE));
        Path finalDir = trainedRun.resolve(FinalTrainingJob.DIRECTORY);
        Map<String, String> finalRow = Csv.read(Files.readString(finalDir.resolve(FinalTrainingJob.CSV_FILE))).get(0);
        assertEquals("" + trainedId, finalRow.get("candidate_id"));

        for (JsonNode m : manifest.get("members")) {
            int id = m.get("candidateId").asInt();
            assertEquals(id == trainedId, m.get("trained").asBoolean(), "only the member train-front trained");
            if (id != trainedId) {
                continue;
            }
            assertEquals(Double.parseDouble(finalRow.get("test_accuracy")), m.get("test").get("accuracy").asDouble());
            assertTrue(m.get("trainedFrom").asText().endsWith("final/candidate-" + id + ".zip"));
            assertTrue(m.get("checkedOn").asText().startsWith("256 test images"), m.toString());
            assertTrue(m.get("maxAbsDiff").asDouble() <= 1e-4);

            Path exported = dir.resolve("candidate-" + id + ".zip");
            Path trained = finalDir.resolve("candidate-" + id + ".zip");
            assertEquals(-1, Files.mismatch(exported, trained), "the trained model file itself");
            Architecture arch = ArchitectureJson.read(dir.resolve("candidate-" + id + ".json"));
            INDArray images = Trainer.toDataSet(ImageFiles.test(DATA), IntStream.range(0, 64).toArray(), arch).getFeatures();
            INDArray expected = ModelSerializer.restoreComputationGraph(trained.toFile(), false).outputSingle(false, images);
            INDArray actual = ModelSerializer.restoreComputationGraph(exported.toFile(), true).outputSingle(false, images);
            assertArrayEquals(expected.toFloatMatrix(), actual.toFloatMatrix(), "the same outputs as final/'s model");
            ComputationGraph deployed = ModelSerializer.restoreComputationGraph(
                    dir.resolve("candidate-" + id + "-deployed.zip").toFile(), false);
            assertTrue(maxAbsDiff(expected, deployed.outputSingle(false, images)) <= 1e-4);
            assertEquals(256, m.get("onnx").get("inputs").asInt(), "the test images the deployed model is checked on");
            assertTrue(m.get("onnx").get("maxAbsDiff").asDouble() <= 1e-4);
            assertTrue(maxAbsDiff(expected, runInOnnxRuntime(dir.resolve("candidate-" + id + "-deployed.onnx"), images))
                    <= 1e-4, "the trained net's outputs from the ONNX file");

            // int8: calibrated on training images, scored on the whole test file in ONNX Runtime, close to fp32
            JsonNode int8 = m.get("int8");
            assertEquals("percentile", int8.get("calibration").asText());
            assertEquals(500, int8.get("calibrationImages").asInt());
            assertEquals(ImageFiles.test(DATA).size(), int8.get("testImages").asInt());
            double fp32Accuracy = int8.get("fp32Accuracy").asDouble();
            double int8Accuracy = int8.get("int8Accuracy").asDouble();
            assertTrue(fp32Accuracy > 0.3 && Math.abs(fp32Accuracy - int8Accuracy) < 0.03, int8.toString());
            assertEquals(fp32Accuracy - int8Accuracy, int8.get("drop").asDouble(), 1e-12);
            Path int8File = dir.resolve(m.get("files").get("int8Onnx").asText());
            assertEquals("candidate-" + id + "-deployed-int8.onnx", int8File.getFileName().toString());
            Onnx.GraphProto qdq = Onnx.ModelProto.parseFrom(Files.readAllBytes(int8File)).getGraph();
            assertEquals(int8.get("int8Weights").asInt(), qdq.getInitializerList().stream()
                    .filter(t -> t.getDataType() == Onnx.TensorProto.DataType.INT8 && t.getDimsCount() > 1).count(),
                    "every conv and dense weight stored as int8");
            INDArray int8Output = runInOnnxRuntime(int8File, images);
            assertTrue(maxAbsDiff(expected, int8Output) > 1e-4, "int8 rounds: not the fp32 model again");
            long agree = IntStream.range(0, 64).filter(i -> expected.getRow(i).argMax().getInt(0)
                    == int8Output.getRow(i).argMax().getInt(0)).count();
            assertTrue(agree >= 58, "int8 and fp32 agree on the class of " + agree + " of 64 test images");
            assertTrue(Math.abs(Double.parseDouble(finalRow.get("test_int8_drop"))) < 0.05, finalRow.toString());
            assertEquals(Double.parseDouble(finalRow.get("test_accuracy")) - Double.parseDouble(
                    finalRow.get("test_int8_drop")), Double.parseDouble(finalRow.get("test_accuracy_int8")), 0.02,
                    "train-front's int8 column: " + finalRow);
        }
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("#" + trainedId + " ") && l.contains(" trained ")), r.out());
        assertTrue(r.out().contains("hwnas train-front " + trainedRun + " --force"), "final/ exists: " + r.out());
    }

    @Test
    void refusesCandidatesOffTheFrontUnknownFrontsAndForeignDirectories() throws Exception {
        String ids = new TreeSet<>(front.stream().map(f -> Integer.parseInt(f.get("candidate_id"))).toList()).toString();
        CostCommandsTest.Run off = CostCommandsTest.run("export", run.toString(), "--candidate", "99", "--out",
                tmp.resolve("x").toString());
        assertEquals(HwnasCli.BAD_INPUT, off.code());
        assertTrue(off.err().contains("option '--candidate' = 99") && off.err().contains("candidates there: " + ids),
                off.err());
        CostCommandsTest.Run unknown = CostCommandsTest.run("export", run.toString(), "--front", "ethos-u55-128",
                "--out", tmp.resolve("x").toString());
        assertEquals(HwnasCli.BAD_INPUT, unknown.code());
        assertTrue(unknown.err().contains("front 'ethos-u55-128'") && unknown.err().contains("fronts there:"),
                unknown.err());
        Path foreign = Files.createDirectories(tmp.resolve("foreign"));
        Files.writeString(foreign.resolve("precious.txt"), "keep");
        CostCommandsTest.Run refused = CostCommandsTest.run("export", run.toString(), "--out", foreign.toString(), "--force");
        assertEquals(HwnasCli.BAD_INPUT, refused.code());
        assertTrue(refused.err().contains("is not an export"), refused.err());
        assertTrue(Files.exists(foreign.resolve("precious.txt")));
        assertFalse(Files.exists(tmp.resolve("x")));
    }

    @Test
    void forceReplacesAnEarlierExportOnceTheNewOneIsComplete() throws Exception {
        Path out = tmp.resolve("forced");
        String first = front.get(0).get("candidate_id");
        String second = front.get(1).get("candidate_id");
        assertEquals(0, CostCommandsTest.run("export", run.toString(), "--candidate", first, "--out", out.toString()).code());
        assertEquals(HwnasCli.BAD_INPUT,
                CostCommandsTest.run("export", run.toString(), "--candidate", second, "--out", out.toString()).code());
        CostCommandsTest.Run forced = CostCommandsTest.run("export", run.toString(), "--candidate", second,
                "--candidate", second, "--out", out.toString(), "--force");
        assertEquals(0, forced.code(), forced.err());
        JsonNode manifest = JSON.readTree(out.resolve(ModelExport.MANIFEST).toFile());
        assertEquals(List.of(second), stream(manifest.get("members")).map(m -> m.get("candidateId").asText()).toList());
        assertFalse(Files.exists(out.resolve("candidate-" + first + ".zip")));
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of(), s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".forced")).toList(),
                    "no staging or replaced directory left");
        }
    }

    @Test
    void anOnnxModelThatDisagreesWithDl4jFailsTheExportAndWritesNothing() {
        Path out = tmp.resolve("corrupted");
        ModelExport.Plan plan = ModelExport.prepare(CompletedRun.open(trainedRun.toString(), new Configuration()),
                new ModelExport.Settings("search", List.of(trainedId), out, null, false), new Configuration());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> CorruptedExports.writeWithOneConvWeightRaised(plan, 0.05));
        String line = ErrorMessage.oneLine(e, true);
        assertTrue(line.startsWith("candidate " + trainedId + ": the ONNX model's output 'output' differs from DL4J's "
                + "by up to ") && line.contains(" on 256 inputs in onnxruntime ") && line.endsWith("; allowed: 1.0E-4"), line);
        assertEquals(1, line.lines().count());
        assertFalse(Files.exists(out));
        assertFalse(Files.exists(tmp.resolve(".corrupted.inprogress")));
    }

    /** The model file run in ONNX Runtime directly, on NCHW {@code inputs}: its one output. */
    private static INDArray runInOnnxRuntime(Path model, INDArray inputs) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = env.createSession(model.toString(), options);
             OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(inputs.dup('c').data().asFloat()),
                     inputs.shape());
             OrtSession.Result result = session.run(Map.of("input", in))) {
            OnnxTensor out = (OnnxTensor) result.get("output").orElseThrow();
            float[] values = new float[out.getFloatBuffer().remaining()];
            out.getFloatBuffer().get(values);
            return Nd4j.create(values, out.getInfo().getShape(), 'c');
        }
    }

    private static Map<String, String> row(int id) {
        return front.stream().filter(f -> f.get("candidate_id").equals("" + id)).findFirst().orElseThrow();
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        return IntStream.range(0, array.size()).mapToObj(array::get);
    }

    private static double maxAbsDiff(INDArray a, INDArray b) {
        return Transforms.abs(a.sub(b)).maxNumber().doubleValue();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
