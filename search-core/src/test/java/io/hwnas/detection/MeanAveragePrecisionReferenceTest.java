package io.hwnas.detection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hwnas.io.Mappers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Random scenes scored by {@link MeanAveragePrecision} and by map_reference.py (a numpy port of pycocotools'
 * evaluateImg/accumulate and the VOC devkit's voc_ap, next to this class in the test resources). Skipped where
 * python3 with numpy is missing; the hand-computed cases of {@link MeanAveragePrecisionTest} need neither.
 */
class MeanAveragePrecisionReferenceTest {

    private static final ObjectMapper JSON = Mappers.json();
    private static final int CLASSES = 4;

    @BeforeAll
    static void needsNumpy() throws Exception {
        assumeTrue(runs("python3", "-c", "import numpy"), "python3 with numpy not available");
    }

    /** Eight scenes in one Python run: numpy's import costs more than the scoring. */
    @Test
    void agreesWithTheReferenceOnRandomScenes() throws Exception {
        SplittableRandom rng = new SplittableRandom(22);
        List<List<ImagePredictions>> scenes = new ArrayList<>();
        for (int s = 0; s < 8; s++) {
            scenes.add(scene(rng, 12));
        }
        JsonNode reference = reference(scenes);
        for (int s = 0; s < scenes.size(); s++) {
            DetectionScores scores = MeanAveragePrecision.evaluate(scenes.get(s));
            JsonNode classes = reference.get(s);
            assertEquals(classes.size(), scores.perClass().size(), "scene " + s);
            for (int i = 0; i < classes.size(); i++) {
                ClassAp mine = scores.perClass().get(i);
                String where = "scene " + s + " class " + mine.classId();
                assertEquals(classes.get(i).get("classId").asInt(), mine.classId(), where);
                assertEquals(classes.get(i).get("ap50").asDouble(), mine.ap50(), 1e-9, where);
                assertEquals(classes.get(i).get("ap50to95").asDouble(), mine.ap50to95(), 1e-9, where);
            }
        }
    }

    /**
     * Ground truths on a coarse grid (so some overlap), and per ground truth 0–3 detections jittered by up to a third
     * of its size (hits at some thresholds, misses at others, duplicates), with a wrong class now and then, plus
     * scattered false positives; distinct scores, so no order depends on tie-breaking.
     */
    private static List<ImagePredictions> scene(SplittableRandom rng, int count) {
        List<ImagePredictions> images = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<GroundTruth> truths = new ArrayList<>();
            List<Detection> detections = new ArrayList<>();
            for (int g = rng.nextInt(0, 6); g > 0; g--) {
                double x = rng.nextInt(8) * 8;
                double y = rng.nextInt(8) * 8;
                double w = rng.nextInt(8, 30);
                double h = rng.nextInt(8, 30);
                int c = rng.nextInt(CLASSES);
                truths.add(new GroundTruth(new Box(x, y, x + w, y + h), c));
                for (int d = rng.nextInt(0, 4); d > 0; d--) {
                    double dx = (rng.nextDouble() - 0.5) * w / 1.5;
                    double dy = (rng.nextDouble() - 0.5) * h / 1.5;
                    double dw = w * (0.7 + 0.6 * rng.nextDouble());
                    double dh = h * (0.7 + 0.6 * rng.nextDouble());
                    int dc = rng.nextDouble() < 0.1 ? rng.nextInt(CLASSES) : c;
                    detections.add(new Detection(new Box(x + dx, y + dy, x + dx + dw, y + dy + dh), dc, rng.nextDouble()));
                }
            }
            for (int f = rng.nextInt(0, 3); f > 0; f--) {
                double x = rng.nextDouble() * 80;
                double y = rng.nextDouble() * 80;
                detections.add(new Detection(new Box(x, y, x + 10, y + 12), rng.nextInt(CLASSES), rng.nextDouble()));
            }
            images.add(new ImagePredictions(truths, detections));
        }
        return images;
    }

    private static JsonNode reference(List<List<ImagePredictions>> scenes) throws Exception {
        List<List<Map<String, List<double[]>>>> json = new ArrayList<>();
        for (List<ImagePredictions> images : scenes) {
            json.add(images.stream().map(image -> Map.of(
                    "gt", image.groundTruths().stream().map(g -> new double[] {g.box().x1(), g.box().y1(), g.box().x2(),
                        g.box().y2(), g.classId()}).toList(),
                    "det", image.detections().stream().map(d -> new double[] {d.box().x1(), d.box().y1(), d.box().x2(),
                        d.box().y2(), d.classId(), d.score()}).toList())).toList());
        }
        Path script = Path.of(MeanAveragePrecisionReferenceTest.class.getResource("map_reference.py").toURI());
        Process python = new ProcessBuilder("python3", script.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (OutputStream in = python.getOutputStream()) {
            JSON.writeValue(in, json);
        }
        String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(python.waitFor(60, TimeUnit.SECONDS) && python.exitValue() == 0, "map_reference.py failed: " + out);
        return JSON.readTree(out);
    }

    private static boolean runs(String... command) throws IOException, InterruptedException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
