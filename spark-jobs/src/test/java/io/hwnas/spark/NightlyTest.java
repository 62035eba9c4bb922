package io.hwnas.spark;

import com.fasterxml.jackson.databind.JsonNode;
import io.hwnas.data.FashionMnist;
import io.hwnas.dl4j.DetectionCanvases;
import io.hwnas.io.Mappers;
import io.hwnas.spark.cli.HwnasCli;
import io.hwnas.spark.journal.JournalEntry;
import io.hwnas.spark.store.CompletedRun;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Four nights of a real sweep: reuse when the evaluation context matches, none when it does not, and the diffs. */
class NightlyTest {

    static String config(int candidates, double learningRate) {
        return SmallSweeps.config("nightly", 5, candidates, """
                data: {trainSamples: 300, validationSamples: 200}
                training: {epochs: 1, batchSize: 32, learningRate: %s}
                devices: [ethos-u55-128]
                output: ignored-by-nightly
                """.formatted(learningRate));
    }

    @Test
    void nightsReuseMatchingEvaluationsAndDiffTheirFronts(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.isDirectory(Path.of(FashionMnist.DEFAULT_DIRECTORY)), "Fashion-MNIST not installed");
        Path root = tmp.resolve("nights");
        JsonNode first = night(tmp, root, "2026-11-20", config(4, 0.003));
        assertEquals(4, first.get("counts").get("evaluated_now").asInt());
        JsonNode firstDiff = diff(root, "2026-11-20");
        int front = SweepEndToEndTest.readCsv(run(root, "2026-11-20").resolve("pareto-search.csv")).size();
        assertTrue(front >= 1);
        assertEquals(front, firstDiff.get("added").size(), "on the first night the whole front is new");
        assertTrue(firstDiff.get("note").asText().contains("no earlier night"));

        // same config the next night: nothing is trained again, the front is the same
        JsonNode second = night(tmp, root, "2026-11-21", config(4, 0.003));
        assertEquals(0, second.get("counts").get("evaluated_now").asInt());
        assertEquals(4, second.get("counts").get("reused_from_earlier_runs").asInt());
        JsonNode same = diff(root, "2026-11-21");
        assertEquals(0, same.get("added").size());
        assertEquals(0, same.get("dropped").size());
        assertEquals(0.0, same.get("hypervolumeChange").asDouble());
        assertTrue(same.get("previousRun").asText().contains("2026-11-20"));
        assertEquals(first.get("finalHypervolume").asDouble(), second.get("finalHypervolume").asDouble());

        // a bigger budget reuses what it can and evaluates only the new points
        JsonNode third = night(tmp, root, "2026-11-22", config(7, 0.003));
        int reused = third.get("counts").get("reused_from_earlier_runs").asInt();
        assertEquals(7, reused + third.get("counts").get("evaluated_now").asInt());
        assertTrue(reused > 0 && reused <= 4, "reused " + reused);
        JsonNode grown = diff(root, "2026-11-22");
        assertTrue(grown.get("hypervolumeChange").asDouble() >= 0, "more points never shrink the front: " + grown);
        String text = Files.readString(run(root, "2026-11-22").resolve("diff.txt"));
        assertTrue(text.contains("added") || text.contains("0 added"), text);
        // the report is written again once the diff exists, and shows it
        String page = Files.readString(run(root, "2026-11-22").resolve("report").resolve("index.html"));
        assertTrue(page.contains("id=\"nightly-diff\""), "report without the nightly diff");
        text.lines().filter(l -> l.matches("[\\w\\s.,:%()+#-]+")).forEach(l -> assertTrue(page.contains(l), l));

        // another learning rate changes what an evaluation means: nothing may be reused
        JsonNode fourth = night(tmp, root, "2026-11-23", config(4, 0.001));
        assertEquals(0, fourth.get("counts").get("reused_from_earlier_runs").asInt());
        assertEquals(4, fourth.get("counts").get("evaluated_now").asInt());

        assertEquals(HwnasCli.BAD_INPUT, HwnasCli.execute("nightly", "--root", root.toString(), "--date", "23/11/2026",
                tmp.resolve("night.yaml").toString()));
    }

    /** Super-resolution nights on the tests' Fashion-MNIST fallback: 16x16 patches, 64 per epoch, 16 held-out items. */
    static String superResolutionConfig(int evaluations) {
        return """
                name: sr-nightly
                seed: 3
                task: {type: super-resolution, scale: 2, patchSize: 16, loss: l1, input: bicubic-upscaled}
                space:
                  type: sr-plain
                  input: {channels: 1, height: 16, width: 16}
                  widths: [4, 8]
                  depths: [2, 3]
                search:
                  strategy: {type: random, batchSize: 2}
                  evaluations: %d
                  objectives: [{maximize: psnr}, {minimize: macs}]
                  reference: {macs: 2.0e6}
                data: {path: %s, trainSamples: 64, validationSamples: 16}
                training: {epochs: 1, batchSize: 16, learningRate: 0.001}
                devices: [ethos-u55-128]
                output: ignored-by-nightly
                """.formatted(evaluations, FashionMnist.DEFAULT_DIRECTORY);
    }

    /**
     * Detection nights on the example's detector: yolo_pico_det on 96x96 canvases, 16 training and 8 validation
     * canvases, one step: mAP is noise here, what is checked is that nights run, resume and compare on it.
     */
    static String detectionConfig(int evaluations) {
        return """
                name: detection-nightly
                seed: 3
                task: {type: detection, canvasSize: 96}
                space:
                  type: actnas
                  base:
                    reference: yolo_pico_det
                    input: {channels: 1, height: 96, width: 96}
                    classes: 10
                  activations: [silu, relu]
                  baseline: silu
                search:
                  strategy: {type: random, batchSize: 2}
                  evaluations: %d
                  objectives: [{maximize: map50}, {minimize: latency_ms_ethos_u55_128}]
                  reference: {latency_ms_ethos_u55_128: 2.0}
                data: {path: %s, trainSamples: 16, validationSamples: 8}
                training: {epochs: 1, batchSize: 16, learningRate: 0.01}
                devices: [ethos-u55-128]
                output: ignored-by-nightly
                """.formatted(evaluations, FashionMnist.DEFAULT_DIRECTORY);
    }

    /** A task's nights: its config by budget, its quality column, the search objectives and a floor on its quality. */
    record TaskNights(String name, IntFunction<String> config, String objectives, String quality, double floor) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<TaskNights> taskNights() {
        return Stream.of(new TaskNights("super-resolution", NightlyTest::superResolutionConfig,
                        "[\"psnr\",\"macs\"]", "psnr", 5),
                new TaskNights("detection", NightlyTest::detectionConfig,
                        "[\"map50\",\"latency_ms_ethos_u55_128\"]", "map50", 0));
    }

    @ParameterizedTest
    @MethodSource("taskNights")
    @Tag("slow") // three nights, under a minute each task: left out of `mvn test`, run by scripts/test
    void nightsOfATaskResumeAndCompareOnItsQuality(TaskNights task, @TempDir Path tmp) throws Exception {
        assumeTrue(Files.isDirectory(Path.of(FashionMnist.DEFAULT_DIRECTORY)), "Fashion-MNIST not installed");
        Path root = tmp.resolve("nights");
        night(tmp, root, "2026-11-20", task.config().apply(2));
        JsonNode firstDiff = diff(root, "2026-11-20");
        assertEquals(task.objectives(), firstDiff.get("objectives").toString());
        firstDiff.get("added").forEach(p -> assertTrue(p.get("objectives").get(task.quality()).asDouble() >= task.floor(),
                p.toString()));

        // the second night is interrupted after its first batch: its staging directory keeps the journal and that batch
        JsonNode whole = night(tmp, root, "2026-11-21", task.config().apply(4));
        Path published = run(root, "2026-11-21");
        Path staging = published.resolveSibling("." + published.getFileName() + ".inprogress");
        Files.move(published, staging);
        try (Stream<Path> files = Files.list(staging)) {
            for (Path f : files.toList()) {
                if (!List.of("journal.json", "sweep.yaml", "batches").contains(f.getFileName().toString())) {
                    deleteTree(f);
                }
            }
        }
        Files.delete(staging.resolve("batches").resolve("batch-00001.json"));

        JsonNode resumed = night(tmp, root, "2026-11-21", task.config().apply(4));
        assertEquals(whole.get("runId").asText(), resumed.get("runId").asText(), "the interrupted run is resumed");
        JsonNode counts = resumed.get("counts");
        assertEquals(2, counts.get("replayed_from_journal").asInt(), counts.toString());
        assertEquals(2, counts.get("reused_from_earlier_runs").asInt() + counts.get("evaluated_now").asInt());
        assertEquals(whole.get("finalHypervolume").asDouble(), resumed.get("finalHypervolume").asDouble());
        if (task.quality().equals("map50")) {
            // replayed, reused and new results alike keep a detector's boxes, and the resumed run's report draws them
            Path resumedRun = run(root, "2026-11-21");
            for (JournalEntry e : CompletedRun.open(resumedRun.toString(), new Configuration()).journal().entries(false)) {
                assertEquals(DetectionCanvases.SHOWN, e.result().testBoxes().size(), e.source());
            }
            String page = Files.readString(resumedRun.resolve("report").resolve("index.html"));
            assertTrue(page.contains("<section id=\"boxes-sweep\">") && page.contains("<figure id=\"boxes-sweep-"),
                    "the resumed run's report has no boxes");
        }

        JsonNode diff = diff(root, "2026-11-21");
        assertTrue(diff.get("previousRun").asText().contains("2026-11-20"), diff.toString());
        assertEquals(task.objectives(), diff.get("objectives").toString());
        assertTrue(diff.get("hypervolumeChange").asDouble() >= 0, "more points never shrink the front: " + diff);
        String text = Files.readString(run(root, "2026-11-21").resolve("diff.txt"));
        assertTrue(text.contains(task.quality()), text);
    }

    private static void deleteTree(Path p) throws Exception {
        try (Stream<Path> all = Files.walk(p)) {
            for (Path f : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

    private static JsonNode night(Path tmp, Path root, String date, String config) throws Exception {
        Path cfg = tmp.resolve("night.yaml");
        Files.writeString(cfg, config);
        assertEquals(0, HwnasCli.execute("nightly", "--master", "local[2]", "--root", root.toString(), "--date", date,
                cfg.toString()));
        return Mappers.json().readTree(run(root, date).resolve("run.json").toFile());
    }

    private static JsonNode diff(Path root, String date) throws Exception {
        return Mappers.json().readTree(run(root, date).resolve("diff.json").toFile());
    }

    private static Path run(Path root, String date) throws Exception {
        try (Stream<Path> s = Files.list(root.resolve(date))) {
            List<Path> runs = s.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
            assertEquals(1, runs.size(), runs.toString());
            return runs.get(0);
        }
    }
}
