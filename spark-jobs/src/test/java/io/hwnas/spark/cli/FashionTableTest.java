package io.hwnas.spark.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.hwnas.io.Mappers;
import io.hwnas.io.Sha256;
import io.hwnas.io.StrictYaml;
import io.hwnas.space.Dimension;
import io.hwnas.spark.config.SweepConfig;
import io.hwnas.spark.store.Csv;
import io.hwnas.tabular.TabularSpace;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The committed table of real trained Fashion-MNIST accuracies: every point of the sweep it came from, each with a
 * sane accuracy and its standard error, its provenance matching it, and examples/tabular-fashion.yaml sweeping it.
 */
class FashionTableTest {
    private static final Path TABLE = CliErrorsTest.repoFile("examples/tabular/fashion-cnn.csv");

    @TempDir
    Path tmp;

    @Test
    void theTableHoldsEveryPointOfItsSweepWithSaneAccuraciesAndTheirErrors() throws Exception {
        SweepConfig source = StrictYaml.read(Files.readString(CliErrorsTest.repoFile(
                "examples/tabular/fashion-cnn.sweep.yaml")), SweepConfig.class, "fashion-cnn.sweep.yaml");
        assertEquals(3, source.training().repeats(), "each point trained with 3 seeds");
        List<Map<String, String>> rows = Csv.read(Files.readString(TABLE));
        assertEquals(source.space().size().intValue(), rows.size(), "every point of the space, none failed");
        assertTrue(rows.size() > 200, "strategies are compared on it at 50, 100 and 200 evaluations");
        Set<String> accuracies = new HashSet<>();
        Set<String> points = new HashSet<>();
        for (Map<String, String> r : rows) {
            double accuracy = Double.parseDouble(r.get("accuracy"));
            double se = Double.parseDouble(r.get("accuracy_se"));
            assertTrue(accuracy > 0.6 && accuracy < 0.95, "trained, not chance: " + r);
            // at least the binomial error of the 2,000 validation images
            assertTrue(se >= Math.sqrt(accuracy * (1 - accuracy) / 2000) - 1e-12 && se < 0.05, r.toString());
            accuracies.add(r.get("accuracy"));
            points.add(r.get("act.s0.c0") + r.get("act.s1.c0") + r.get("width.s0") + r.get("width.s1"));
            assertEquals(3L * 2 * 3000, Long.parseLong(r.get("train_samples")), "3 seeds x 2 epochs x 3,000 images");
        }
        assertEquals(rows.size(), points.size(), "each point once");
        assertTrue(accuracies.size() > rows.size() / 2, "accuracies differ between points");

        JsonNode provenance = Mappers.json().readTree(CliErrorsTest.repoFile(
                "examples/tabular/fashion-cnn.provenance.json").toFile());
        assertEquals(Sha256.hex(Files.readAllBytes(TABLE)), provenance.get("tableSha256").asText());
        assertEquals(rows.size(), provenance.get("points").asInt());
        assertEquals(4, provenance.path("data").path("files").size(), "the four Fashion-MNIST files by hash");

        TabularSpace example = (TabularSpace) StrictYaml.read(Files.readString(CliErrorsTest.repoFile(
                "examples/tabular-fashion.yaml")), SweepConfig.class, "tabular-fashion.yaml").space();
        assertEquals(source.space().dimensions().stream().map(Dimension::name).toList(),
                example.dimensions().stream().map(Dimension::name).toList());
        assertEquals(source.space().dimensions().stream().map(d -> new HashSet<>(d.options())).toList(),
                example.dimensions().stream().map(d -> new HashSet<>(d.options())).toList());
    }

    @Test
    void theExampleSweepsItInSeconds() throws Exception {
        Path config = tmp.resolve("tabular-fashion.yaml");
        Path examples = CliErrorsTest.repoFile("examples/tabular-fashion.yaml").getParent();
        Files.writeString(config, Files.readString(examples.resolve("tabular-fashion.yaml"))
                .replace("table: tabular/fashion-cnn.csv", "table: " + TABLE)
                .replace("output: runs", "output: " + tmp.resolve("runs")));
        long start = System.nanoTime();
        CostCommandsTest.Run r = CostCommandsTest.run("sweep", "--master", "local[1]", config.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue((System.nanoTime() - start) / 1e9 < 120, "seconds, not a training run");
        try (Stream<Path> runs = Files.list(tmp.resolve("runs"))) {
            Path run = runs.filter(p -> !p.getFileName().toString().startsWith(".")).findFirst().orElseThrow();
            List<Map<String, String>> results = Csv.read(Files.readString(run.resolve("results.csv")));
            assertEquals(100, results.size());
            assertTrue(results.stream().allMatch(x -> "ok".equals(x.get("status"))
                    && Double.parseDouble(x.get("accuracy_se")) > 0), "the standard errors come from the table");
            assertTrue(Files.readString(run.resolve("report/index.html")).contains("within noise of #")
                    || Files.readString(run.resolve("report/index.html")).contains(">significant</td>"));
        }
    }
}
