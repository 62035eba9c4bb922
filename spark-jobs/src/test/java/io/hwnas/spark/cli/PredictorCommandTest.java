package io.hwnas.spark.cli;

import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureJson;
import io.hwnas.cost.CostReport;
import io.hwnas.data.FashionMnist;
import io.hwnas.hw.kernel.SampledNetworks;
import io.hwnas.hw.learned.LearnedCostModel;
import io.hwnas.hw.learned.LearnedPredictors;
import io.hwnas.hw.learned.PredictorManifest;
import io.hwnas.hw.spec.CostModels;
import io.hwnas.io.Mappers;
import io.hwnas.spark.SmallSweeps;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code hwnas predictor build} and {@code evaluate} as a user runs them, on local Spark with real DL4J timing
 * (a tiny predictor: a dozen networks of the quickstart space, two repeats of one run), and the predictor as
 * device {@code learned:DIR} in {@code estimate}, a sweep and its report.
 */
class PredictorCommandTest {
    static final Path QUICKSTART = Path.of("../examples/quickstart.yaml");

    @TempDir
    static Path tmp;
    static Path dir;
    static CostCommandsTest.Run build;

    @BeforeAll
    static void buildTinyPredictor() {
        dir = tmp.resolve("pred");
        build = CostCommandsTest.run("predictor", "build", "--out", dir.toString(), "--space", QUICKSTART.toString(),
                "--networks", "10", "--refine", "2", "--trees", "5", "--depth", "4", "--boosting-rounds", "3", "--lut-grid", "none",
                "--repeats", "2", "--runs", "1", "--jvm-warmup", "2", "--master", "local[2]");
    }

    @Test
    void buildWritesModelsPerKernelTypeAndTheMeasurements() throws Exception {
        assertEquals(0, build.code(), build.err());
        PredictorManifest m = LearnedPredictors.manifest(dir);
        assertEquals(12, m.trainingNetworks().size());
        assertTrue(m.models().keySet().containsAll(Set.of("conv", "activation", "pooling", "dense")), m.models().toString());
        for (String type : m.models().keySet()) {
            assertTrue(Files.isDirectory(dir.resolve("models").resolve(type).resolve("metadata")), type);
            assertTrue(build.out().contains(type), build.out());
        }
        // both regressors judged where a type has held-out networks
        assertTrue(m.heldOutMape().values().stream().anyMatch(e -> e.containsKey(PredictorManifest.GBT)
                && e.containsKey(PredictorManifest.RANDOM_FOREST)), m.heldOutMape().toString());
        try (Stream<Path> parquet = Files.list(dir.resolve(PredictorManifest.KERNELS_FILE))) {
            assertTrue(parquet.anyMatch(p -> p.toString().endsWith(".parquet")));
        }
        assertTrue(Files.isRegularFile(dir.resolve(PredictorManifest.CALIBRATED_FILE)));
        assertTrue(m.kernelScale() > 0 && m.overheadSeconds() >= 0);
        try (Stream<Path> siblings = Files.list(tmp)) {
            assertEquals(List.of(dir), siblings.filter(p -> p.getFileName().toString().contains("pred")).toList(),
                    "no temporary directory left");
        }
    }

    @Test
    void loadedModelsPredictTheSameAfterPersistenceAndJavaSerialisation() throws Exception {
        assertEquals(0, build.code(), build.err());
        LearnedCostModel a = LearnedPredictors.load(dir);
        LearnedCostModel b = (LearnedCostModel) CostModels.resolve("learned:" + dir);
        List<Architecture> nets = SampledNetworks.sample(PredictorCommand.spaces(List.of(QUICKSTART)), 5, 99, Set.of());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(a);
        }
        LearnedCostModel shipped;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            shipped = (LearnedCostModel) in.readObject();
        }
        double previous = -1;
        boolean differ = false;
        for (Architecture net : nets) {
            CostReport r = a.estimate(net);
            assertTrue(r.latencySeconds() > 0 && r.latencySeconds() < 1, r.toString());
            assertEquals(r, b.estimate(net));
            assertEquals(r, shipped.estimate(net));
            assertEquals("host-cpu-learned", r.device());
            assertFalse(r.layers().isEmpty());
            differ |= previous >= 0 && r.latencySeconds() != previous;
            previous = r.latencySeconds();
        }
        assertTrue(differ, "different networks get different estimates");
    }

    @Test
    void evaluatePrintsEveryModelBesideTheNoiseFloorAndThePredictionSpeed() {
        assertEquals(0, build.code(), build.err());
        CostCommandsTest.Run r = CostCommandsTest.run("predictor", "evaluate", dir.toString(), "--networks", "4",
                "--repeats", "2", "--runs", "1", "--jvm-warmup", "2", "--master", "local[2]");
        assertEquals(0, r.code(), r.err());
        for (String row : List.of("learned", "calibrated analytical", "noise floor", "±10%", "MAPE", "τ")) {
            assertTrue(r.out().contains(row), row + " missing: " + r.out());
        }
        Matcher speed = Pattern.compile("prediction speed: ([0-9.e+]+) kernel predictions/s").matcher(r.out());
        assertTrue(speed.find(), r.out());
        assertTrue(Double.parseDouble(speed.group(1)) >= 1e5, "one core predicts >= 1e5 kernels/s: " + speed.group(1));
    }

    @Test
    void estimateTakesALearnedDevice() throws Exception {
        assertEquals(0, build.code(), build.err());
        Architecture net = SampledNetworks.sample(PredictorCommand.spaces(List.of(QUICKSTART)), 1, 5, Set.of()).get(0);
        Path file = tmp.resolve("net.json");
        Files.writeString(file, ArchitectureJson.writePretty(net));
        CostCommandsTest.Run r = CostCommandsTest.run("estimate", file.toString(), "--device", "learned:" + dir,
                "--device", "host-cpu");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("device host-cpu-learned") && r.out().contains("learned"), r.out());
    }

    @Test
    void aSweepAndItsReportUseALearnedDevice() throws Exception {
        assumeTrue(Files.isDirectory(Path.of(FashionMnist.DEFAULT_DIRECTORY)), "Fashion-MNIST not installed");
        assertEquals(0, build.code(), build.err());
        Path out = tmp.resolve("runs");
        Path config = tmp.resolve("learned-sweep.yaml");
        Files.writeString(config, SmallSweeps.config("learned", 3, 2, """
                data: {trainSamples: 200, validationSamples: 100}
                training: {epochs: 1, batchSize: 32, learningRate: 0.003}
                devices: ['learned:%s', host-cpu]
                output: %s
                """.formatted(dir, out)));
        CostCommandsTest.Run sweep = CostCommandsTest.run("sweep", config.toString(), "--master", "local[2]");
        assertEquals(0, sweep.code(), sweep.err());
        Path run;
        try (Stream<Path> runs = Files.list(out)) {
            run = runs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        List<Map<String, String>> rows = readCsv(run.resolve("results.csv"));
        assertEquals(2, rows.size());
        for (Map<String, String> row : rows) {
            assertTrue(Double.parseDouble(row.get("latency_ms_host_cpu_learned")) > 0, row.toString());
        }
        CostCommandsTest.Run report = CostCommandsTest.run("report", run.toString(), "--device", "host-cpu-learned");
        assertEquals(0, report.code(), report.err());
    }

    @Test
    void badInputIsOneLineExitTwoAndWritesNothing() throws Exception {
        Path target = tmp.resolve("never");
        PublishedRuns.assertRefused(CostCommandsTest.run("predictor", "build", "--out", target.toString(), "--device",
                "no-such-device"), "--device", "no-such-device");
        PublishedRuns.assertRefused(CostCommandsTest.run("predictor", "build", "--out", target.toString(), "--space",
                "../examples/tabular.yaml"), "tabular.yaml", "no networks");
        PublishedRuns.assertRefused(CostCommandsTest.run("predictor", "build", "--out", target.toString(), "--networks",
                "3"), "--networks");
        PublishedRuns.assertRefused(CostCommandsTest.run("predictor", "build", "--out", target.toString(), "--lut-grid",
                "huge"), "--lut-grid", "huge");
        PublishedRuns.assertRefused(CostCommandsTest.run("predictor", "build", "--out", target.toString(), "--jvm-warmup",
                "-1"), "--jvm-warmup", "-1");
        assertFalse(Files.exists(target));
        Files.createDirectories(tmp.resolve("taken"));
        PublishedRuns.assertRefused(CostCommandsTest.run("predictor", "build", "--out", tmp.resolve("taken").toString()),
                "taken", "exists");
        PublishedRuns.assertRefused(CostCommandsTest.run("predictor", "evaluate", tmp.resolve("taken").toString()),
                "taken", "predictor.json");
        PublishedRuns.assertRefused(CostCommandsTest.run("estimate", "resnet18", "--device", "learned:" + tmp.resolve("nope")),
                "nope");
    }

    private static List<Map<String, String>> readCsv(Path file) throws Exception {
        var schema = com.fasterxml.jackson.dataformat.csv.CsvSchema.emptySchema().withHeader();
        try (var it = Mappers.csv().readerFor(Map.class).with(schema).<Map<String, String>>readValues(file.toFile())) {
            return it.readAll();
        }
    }
}
