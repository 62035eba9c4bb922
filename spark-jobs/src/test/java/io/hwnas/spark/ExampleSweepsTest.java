package io.hwnas.spark;

import com.fasterxml.jackson.databind.JsonNode;
import io.hwnas.data.FashionMnist;
import io.hwnas.detection.ImagePredictions;
import io.hwnas.dl4j.DetectionCanvases;
import io.hwnas.io.Mappers;
import io.hwnas.spark.cli.HwnasCli;
import io.hwnas.spark.journal.JournalEntry;
import io.hwnas.spark.store.CompletedRun;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The example config of every registered kind of network space (and of RAN-e and ActNAS on MobileNetV3) on
 * local[2] Spark, shrunk to fit CI (4 candidates, 256 training and 256 validation images; these nets train
 * at ~700-1,000 images/s per thread, scripts/bench-train) and writing under a temporary directory;
 * everything else as shipped.
 */
class ExampleSweepsTest {

    /** The example of every network kind, and those that run a kind on the squeeze-excite nets. */
    static Stream<String> classificationExamples() {
        return Stream.concat(SpaceExamples.networkKinds(), Stream.of("ran-e-mobilenetv3", "actnas-mobilenetv3"));
    }

    @ParameterizedTest
    @MethodSource("classificationExamples")
    void exampleSweepRunsAndRecordsBothForms(String example, @TempDir Path tmp) throws Exception {
        Path run = runShrunk(example, tmp, text -> text.replaceFirst("\ncandidates: \\d+\n", "\ncandidates: 4\n"));
        List<Map<String, String>> rows = SweepEndToEndTest.readCsv(run.resolve("results.csv"));
        assertTrue(rows.size() >= 2, example + ": " + rows.size() + " candidates");
        for (Map<String, String> r : rows) {
            assertEquals("ok", r.get("status"), example + ": " + r.get("error"));
            // 8 steps are too few for a learning check (SweepEndToEndTest makes one); the metrics must be real
            double acc = Double.parseDouble(r.get("accuracy"));
            assertTrue(acc >= 0 && acc <= 1 && Double.isFinite(Double.parseDouble(r.get("loss"))), example + ": " + r);
            long deployed = Long.parseLong(r.get("macs"));
            long trained = Long.parseLong(r.get("training_macs"));
            assertTrue(deployed > 0 && Long.parseLong(r.get("trainable_params")) > 0, example + ": " + r);
            // batch-norm folds, so the deployed form has fewer parameters, unless a RAN-e block was fused
            // (its dense k×k conv outweighs the 1×1 and depthwise it replaces)
            boolean fewerParams = Long.parseLong(r.get("trainable_params")) < Long.parseLong(r.get("training_params"));
            assertTrue(fewerParams || r.get("choices").contains("fused"), example + ": " + r);
            switch (example) {
                case "repnas" -> assertTrue(deployed <= trained, "branches merge into one conv per slot: " + r);
                case "ran-i" -> assertTrue(deployed < trained, "the layer scale folds into the conv before it: " + r);
                case "actnas", "actnas-mobilenetv3" -> assertEquals(trained, deployed, "only batch-norm folds: " + r);
                // a fused block raises MACs, a regular one lowers them: no fixed order
                case "ran-e", "ran-e-mobilenetv3" -> assertTrue(trained > 0, example + ": " + r);
                case "quickstart" -> assertEquals(trained, deployed, "only batch-norm folds: " + r);
                default -> { }   // any other kind: the checks above
            }
        }
    }

    /**
     * The super-resolution examples through the CLI on the tests' small fallback: Fashion-MNIST items as the
     * high-resolution images (256 train, 64 held out whole), 24×24 patches (12×12 inputs for a net fed the
     * low-resolution image), 4 candidates. Every candidate reports
     * PSNR, SSIM and the bicubic baseline's PSNR of the same held-out images; whether it beats the baseline after
     * these few steps is reported, not asserted.
     */
    @ParameterizedTest
    @MethodSource("io.hwnas.spark.SpaceExamples#superResolutionKinds")
    void superResolutionExampleReportsPsnrAgainstBicubic(String example, @TempDir Path tmp) throws Exception {
        Path run = runShrunk(example, tmp, text -> text
                .replaceFirst("path: .*\n", "path: " + FashionMnist.DEFAULT_DIRECTORY + "\n")
                .replaceFirst("\n *images: \\[[^\\]]*]\n", "\n")
                .replaceFirst("validationSamples: \\d+", "validationSamples: 64")
                .replaceFirst("patchSize: \\d+", "patchSize: 24")
                .replaceFirst("height: \\d+, width: \\d+", text.contains("input: low-resolution")
                        ? "height: 12, width: 12" : "height: 24, width: 24")
                .replaceFirst("evaluations: \\d+", "evaluations: 4")
                .replaceFirst("epochs: \\d+", "epochs: 1"));
        List<Map<String, String>> rows = SweepEndToEndTest.readCsv(run.resolve("results.csv"));
        assertEquals(4, rows.size(), example);
        for (Map<String, String> r : rows) {
            assertEquals("ok", r.get("status"), example + ": " + r.get("error"));
            double psnr = Double.parseDouble(r.get("psnr"));
            double ssim = Double.parseDouble(r.get("ssim"));
            double bicubic = Double.parseDouble(r.get("psnr_bicubic"));
            // Fashion-MNIST's hard-edged 28x28 items: bicubic x2 is far from exact, far from useless
            assertTrue(bicubic > 15 && bicubic < 40, example + ": " + r);
            assertTrue(psnr > 5 && psnr < io.hwnas.sr.ImageQuality.MAX_PSNR && ssim > 0 && ssim <= 1, example + ": " + r);
            assertTrue(r.get("accuracy").equals("NaN") || r.get("accuracy").isEmpty(), example + ": " + r);
            System.out.printf("%s candidate %s %s: psnr %.3f dB (bicubic %.3f, %+.3f), ssim %.4f%n", example,
                    r.get("candidate_id"), r.get("choices"), psnr, bicubic, psnr - bicubic, ssim);
        }
        assertEquals(1, rows.stream().map(r -> r.get("psnr_bicubic")).distinct().count(),
                "one baseline: every candidate is scored on the same held-out images");
        assertTrue(Files.exists(run.resolve("pareto-search.csv")));
        // PSNR against MACs, and against FPS on each device, as a classification run's accuracy fronts
        for (String front : List.of("pareto-macs.csv", "pareto-ethos-u55-128.csv")) {
            List<Map<String, String>> members = SweepEndToEndTest.readCsv(run.resolve(front));
            assertFalse(members.isEmpty(), example + ": " + front);
            assertTrue(members.stream().allMatch(m -> Double.parseDouble(m.get("psnr")) > 5), example + ": " + front);
        }
        // the report draws the baseline across every PSNR plot and says so in the captions
        String page = Files.readString(run.resolve("report").resolve("index.html"));
        assertTrue(page.split("The horizontal line is the bicubic baseline ", -1).length - 1 >= 2, example);
        // the run goes on downstream (SuperResolutionFinalTrainingTest trains and exports one): an untrained export
        // needs no Spark, and asking train-front for more held-out images than the 64 there is one line, exit 2
        assertEquals(0, HwnasCli.execute("export", run.toString()));
        assertTrue(Files.isRegularFile(run.resolve("export").resolve("manifest.json")), example);
        assertEquals(HwnasCli.BAD_INPUT, HwnasCli.execute("train-front", run.toString(), "--master", "local[2]",
                "--test-samples", "65"));
    }

    /**
     * The ActNAS-on-a-detector example through the CLI, shrunk to 3 candidates of one epoch on 256 canvases, scored
     * on 64: every candidate reports mAP@0.5 and mAP@0.5:0.95 (whether these few steps find objects is reported, not
     * asserted), and the run writes the mAP fronts against MACs, FPS and peak memory, and a report with the boxes the
     * executors decoded after training (from the journal); then train-front, the report's second panel of boxes and
     * export, on a few canvases.
     */
    @Test
    void detectionExampleReportsMapAndItsFronts(@TempDir Path tmp) throws Exception {
        Path run = runShrunk("actnas-detection", tmp, text -> text
                .replaceFirst("validationSamples: \\d+", "validationSamples: 64")
                .replaceFirst("evaluations: \\d+", "evaluations: 3"));
        List<Map<String, String>> rows = SweepEndToEndTest.readCsv(run.resolve("results.csv"));
        assertEquals(3, rows.size());
        for (Map<String, String> r : rows) {
            assertEquals("ok", r.get("status"), r.get("error"));
            double map50 = Double.parseDouble(r.get("map50"));
            double map5095 = Double.parseDouble(r.get("map50_95"));
            assertTrue(map50 >= 0 && map50 <= 1 && map5095 >= 0 && map5095 <= 1, r.toString());
            assertTrue(Double.isFinite(Double.parseDouble(r.get("loss"))), r.toString());
            assertTrue(r.get("accuracy").equals("NaN") || r.get("accuracy").isEmpty(), r.toString());
            assertEquals(r.get("macs"), r.get("training_macs"), "activations change no MACs, BN folds: " + r);
            System.out.printf("actnas-detection candidate %s: map50 %.4f, map50_95 %.4f, loss %.3f%n",
                    r.get("candidate_id"), map50, map5095, Double.parseDouble(r.get("loss")));
        }
        for (String front : List.of("pareto-search.csv", "pareto-macs.csv", "pareto-ethos-u55-128.csv",
                "pareto-memory-ethos-u55-128.csv", "pareto-memory-host-cpu.csv")) {
            assertFalse(SweepEndToEndTest.readCsv(run.resolve(front)).isEmpty(), front);
        }
        // the report reads results.csv by column and plots each memory front
        Path report = run.resolve("report").resolve("index.html");
        String sweepPage = Files.readString(report);
        for (String device : List.of("ethos-u55-128", "host-cpu")) {
            assertTrue(sweepPage.contains("mAP@0.5 vs peak memory on " + device), device);
        }
        // the sweep's own boxes: decoded on the executors right after training, kept in the journal, drawn here
        for (JournalEntry e : CompletedRun.open(run.toString(), new Configuration()).journal().entries(false)) {
            List<ImagePredictions> boxes = e.result().testBoxes();
            assertEquals(DetectionCanvases.SHOWN, boxes.size(), e.toString());
            assertTrue(boxes.stream().allMatch(b -> b.detections().size() <= b.groundTruths().size()), e.toString());
        }
        assertTrue(sweepPage.contains("<section id=\"boxes-sweep\">\n<h2>Detections on test canvases, after the "
                + "sweep's training</h2>"), "no panel of the sweep's boxes");
        assertFalse(sweepPage.contains("No boxes"), "a note says boxes are missing");
        Set<String> frontMembers = new TreeSet<>();
        try (Stream<Path> files = Files.list(run)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("pareto-")).toList()) {
                SweepEndToEndTest.readCsv(f).forEach(r -> frontMembers.add(r.get("candidate_id")));
            }
        }
        List<String> sweptDrawn = figures(sweepPage, "boxes-sweep-");
        assertEquals(Math.min(frontMembers.size(), 3), sweptDrawn.size(), sweptDrawn + " of " + frontMembers);
        assertTrue(frontMembers.containsAll(sweptDrawn), sweptDrawn + " of " + frontMembers);
        int predicted = 0;
        for (String id : sweptDrawn) {
            predicted += boxColours(run.resolve("report").resolve("boxes-sweep-candidate-" + id + ".png"), sweepPage);
        }
        assertTrue(predicted > 0, "no predicted (red) box on any drawing");

        // downstream: train-front trains the front (one epoch of 64 canvases), scores mAP on 8 test canvases and
        // writes the report again with the trained members' boxes; export checks the deployed (BN-folded) detectors
        assertEquals(0, HwnasCli.execute("train-front", run.toString(), "--master", "local[2]", "--epochs", "1",
                "--train-samples", "64", "--test-samples", "8"));
        List<Map<String, String>> trained = SweepEndToEndTest.readCsv(run.resolve("final").resolve("final-training.csv"));
        assertFalse(trained.isEmpty());
        for (Map<String, String> r : trained) {
            double map50 = Double.parseDouble(r.get("test_map50"));
            assertTrue(map50 >= 0 && map50 <= 1 && Double.parseDouble(r.get("test_map50_95")) <= map50, r.toString());
            assertEquals("8", r.get("test_samples"), r.toString());
            // within fp32 rounding of the trained net (DeployedForm's bar, 1e-4 or 1e-5 of the largest activation)
            double deployedDiff = Double.parseDouble(r.get("deployed_max_abs_diff"));
            assertTrue(deployedDiff >= 0 && deployedDiff < 1e-2, r.toString());
            assertTrue(Files.isRegularFile(run.resolve("final").resolve(r.get("deployed_model_file"))), r.toString());
        }
        String page = Files.readString(report);
        assertFalse(page.contains("No boxes"), "the report was written again after train-front");
        assertTrue(page.contains("<section id=\"boxes\">\n<h2>Detections on test canvases, after train-front</h2>"),
                "no panel of the trained members' boxes");
        assertEquals(sweptDrawn, figures(page, "boxes-sweep-"), "the sweep's panel stays beside it");
        List<String> trainedDrawn = figures(page, "boxes-");
        assertEquals(Math.min(trained.size(), 3), trainedDrawn.size(), trainedDrawn.toString());
        for (String id : trainedDrawn) {
            boxColours(run.resolve("report").resolve("boxes-candidate-" + id + ".png"), page);
        }
        assertEquals(0, HwnasCli.execute("export", run.toString()));
        JsonNode manifest = Mappers.json().readTree(run.resolve("export").resolve("manifest.json").toFile());
        for (JsonNode m : manifest.get("members")) {
            assertTrue(m.get("trained").asBoolean(), m.toString());
            JsonNode onnx = m.get("onnx");
            assertTrue(onnx.get("maxAbsDiff").asDouble() <= onnx.get("tolerance").asDouble()
                    && onnx.get("tolerance").asDouble() >= manifest.get("tolerance").asDouble(), m.toString());
            assertTrue(m.get("checkedOn").asText().contains("test canvases"), m.toString());
        }
    }

    /** The candidate ids of the figures {@code <figure id="<prefix><id>">} on a page, in page order. */
    private static List<String> figures(String page, String prefix) {
        return Pattern.compile("<figure id=\"" + Pattern.quote(prefix) + "(\\d+)\">").matcher(page).results()
                .map(m -> m.group(1)).toList();
    }

    /**
     * Checks a drawing of the 4 shown 96×96 canvases (enlarged 3×, 12 px apart), embedded in {@code page}, with
     * ground-truth boxes (green) on it; returns its pixels in the predicted boxes' red.
     */
    private static int boxColours(Path png, String page) throws Exception {
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(4 * 96 * 3 + 3 * 12, image.getWidth(), png.toString());
        assertEquals(96 * 3, image.getHeight(), png.toString());
        assertTrue(page.contains("data:image/png;base64," + Base64.getEncoder().encodeToString(
                Files.readAllBytes(png))), "the page embeds " + png);
        int green = 0;
        int red = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                green += rgb == 0x2ca02c ? 1 : 0;
                red += rgb == 0xd62728 ? 1 : 0;
            }
        }
        assertTrue(green > 0, "no ground-truth box on " + png);
        return red;
    }

    /**
     * Runs {@code examples/<example>.yaml} on local[2] with 256 training and validation images and a
     * temporary output directory, after {@code shrink} cuts its budget; returns the run directory.
     */
    static Path runShrunk(String example, Path tmp, UnaryOperator<String> shrink) throws Exception {
        assumeTrue(Files.isDirectory(Path.of(FashionMnist.DEFAULT_DIRECTORY)), "Fashion-MNIST not installed");
        String text = Files.readString(Path.of("..", "examples", example + ".yaml"));
        assertTrue(text.contains("\noutput: runs\n"), "the example writes under runs/");
        Path cfg = tmp.resolve(example + ".yaml");
        Files.writeString(cfg, shrink.apply(text.replace("\noutput: runs\n", "\noutput: " + tmp.resolve("runs") + "\n")
                .replaceFirst("trainSamples: \\d+", "trainSamples: 256")
                .replaceFirst("validationSamples: \\d+", "validationSamples: 256")));
        assertEquals(0, HwnasCli.execute("sweep", "--master", "local[2]", cfg.toString()));
        try (Stream<Path> s = Files.list(tmp.resolve("runs"))) {
            return s.findFirst().orElseThrow();
        }
    }
}
