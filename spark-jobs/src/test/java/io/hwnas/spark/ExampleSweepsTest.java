package io.hwnas.spark;

import io.hwnas.data.FashionMnist;
import io.hwnas.spark.cli.HwnasCli;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The example config of every registered kind of network space on local[2] Spark, shrunk to fit CI
 * (4 candidates, 256 training and 256 validation images; these nets train at ~700-1,000 images/s per
 * thread, scripts/bench-train) and writing under a temporary directory; everything else as shipped.
 */
class ExampleSweepsTest {

    @ParameterizedTest
    @MethodSource("io.hwnas.spark.SpaceExamples#networkKinds")
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
                case "actnas" -> assertEquals(trained, deployed, "only batch-norm folds: " + r);
                // a fused block raises MACs, a regular one lowers them: no fixed order
                case "ran-e" -> assertTrue(trained > 0, example + ": " + r);
                case "quickstart" -> assertEquals(trained, deployed, "only batch-norm folds: " + r);
                default -> { }   // any other kind: the checks above
            }
        }
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
