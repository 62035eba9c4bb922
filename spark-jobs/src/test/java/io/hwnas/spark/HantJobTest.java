package io.hwnas.spark;

import com.fasterxml.jackson.databind.JsonNode;
import io.hwnas.data.FashionMnist;
import io.hwnas.hant.ChainNetwork;
import io.hwnas.hant.LayerSlot;
import io.hwnas.hant.Op;
import io.hwnas.io.Mappers;
import io.hwnas.spark.cli.HwnasCli;
import io.hwnas.spark.config.HantConfig;
import io.hwnas.spark.config.HantConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** HANT end to end on local[2] Spark: a real tiny teacher, real distillation, the ILP, real fine-tuning. */
class HantJobTest {

    static String config(Path out) {
        return """
                name: hant-e2e
                seed: 11
                teacher:
                  input: {channels: 1, height: 28, width: 28}
                  classes: 10
                  stem: {channels: 8, kernel: 3, stride: 2, activation: relu}
                  layers:
                    - {channels: 8, stride: 1, op: conv3x3-silu}
                    - {channels: 16, stride: 2, op: conv3x3-silu}
                    - {channels: 16, stride: 1, op: conv3x3-silu}
                teacherTraining: {epochs: 2, batchSize: 32, learningRate: 0.005}
                alternatives: [conv3x3-relu, conv1x1-relu, identity]
                device: ethos-u55-128
                data: {trainSamples: 512, validationSamples: 256}
                distillation: {trainImages: 512, validationImages: 256, steps: 50, batchSize: 32, learningRate: 0.003}
                budgets: {steps: 5}
                fineTuning: {epochs: 1, batchSize: 32, learningRate: 0.001, trainSamples: 256}
                execution: {threadsPerTask: 1, teacherThreads: 2}
                output: %s
                """.formatted(out);
    }

    @Test
    void hantWritesDistillationFrontSummaryAndProvenance(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.isDirectory(Path.of(FashionMnist.DEFAULT_DIRECTORY)), "Fashion-MNIST not installed");
        Path out = tmp.resolve("runs");
        Path cfg = tmp.resolve("hant.yaml");
        Files.writeString(cfg, config(out));
        assertEquals(0, HwnasCli.execute("hant", "--master", "local[2]", cfg.toString()));
        List<Path> runs;
        try (Stream<Path> s = Files.list(out)) {
            runs = s.toList();
        }
        assertEquals(1, runs.size(), "exactly the published run directory, no staging left: " + runs);
        Path run = runs.get(0);
        assertTrue(run.getFileName().toString().startsWith("hant-e2e-") && run.getFileName().toString().endsWith("-s11"));
        for (String f : List.of("distillation.csv", "front.csv", "summary.txt", "run.json")) {
            assertTrue(Files.exists(run.resolve(f)), f);
        }

        HantConfig config = HantConfigLoader.load(cfg);
        ChainNetwork network = new ChainNetwork(config.teacher());
        Set<String> expected = new HashSet<>();
        for (LayerSlot slot : network.slots()) {
            for (Op op : config.alternatives().candidates(slot)) {
                expected.add(slot.index() + "/" + op.name());
            }
        }
        assertEquals(4 + 3 + 4, expected.size(), "teacher op + 3 alternatives; identity not in the stride-2 layer");
        List<Map<String, String>> distillation = SweepEndToEndTest.readCsv(run.resolve("distillation.csv"));
        List<String> pairs = distillation.stream().map(r -> r.get("layer") + "/" + r.get("op")).toList();
        assertEquals(expected.size(), pairs.size(), "every (layer, op) exactly once: " + pairs);
        assertEquals(expected, new HashSet<>(pairs));
        for (Map<String, String> r : distillation) {
            assertEquals("ok", r.get("status"), r.get("error"));
            double score = d(r, "score");
            assertTrue(score <= 0 && score > -10, "score " + score);
            if (!r.get("op").equals("identity")) {
                assertTrue(d(r, "mse") < d(r, "initial_mse"), "distillation lowered the MSE: " + r);
            }
        }

        List<Map<String, String>> front = SweepEndToEndTest.readCsv(run.resolve("front.csv"));
        assertFalse(front.isEmpty());
        double teacherMs = distillation.stream().filter(r -> r.get("op").equals("conv3x3-silu"))
                .mapToDouble(r -> d(r, "latency_ms")).sum();
        for (int k = 0; k < front.size(); k++) {
            Map<String, String> p = front.get(k);
            assertTrue(d(p, "latency_ms") <= d(p, "budget_ms") * (1 + 1e-9), "within budget: " + p);
            assertEquals(d(p, "predicted_latency_ms"), d(p, "latency_ms"), 1e-9 * d(p, "latency_ms"),
                    "the ILP's additive latency is the device's estimate of the assembled net");
            assertTrue(d(p, "speedup") >= 1 - 1e-9, "no net slower than the teacher: " + p);
            double acc = d(p, "accuracy");
            assertTrue(acc > 0.1 && acc <= 1, "accuracy " + acc);
            assertEquals(network.slots().size(), p.get("assignment").split(";").length);
            if (k > 0) {
                Map<String, String> prev = front.get(k - 1);
                assertTrue(d(p, "budget_ms") > d(prev, "budget_ms"));
                assertTrue(d(p, "latency_ms") >= d(prev, "latency_ms"), "latency monotone in budget");
                assertTrue(d(p, "predicted_score") >= d(prev, "predicted_score"), "score monotone in budget");
            }
        }
        assertEquals(front.size(), front.stream().map(p -> p.get("assignment")).distinct().count());
        assertTrue(teacherMs > 0);

        JsonNode prov = Mappers.json().readTree(run.resolve("run.json").toFile());
        assertEquals(11, prov.get("seed").asLong());
        assertTrue(prov.get("configText").asText().contains("steps: 50"));
        assertFalse(prov.get("build").get("gitCommit").asText().isBlank());
        assertEquals(11, prov.get("counts").get("distilled").asLong());
        assertTrue(Files.readString(run.resolve("summary.txt")).contains("teacher: accuracy"));
    }

    private static double d(Map<String, String> r, String k) {
        return Double.parseDouble(r.get(k));
    }
}
