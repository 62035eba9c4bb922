package io.hwnas.spark;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each strategy example on local[2] Spark, shrunk to 4 evaluations (a table: 64, the surrogate 40) and 256 training / validation
 * images (a table lookup needs no shrinking; Hyperband's top fidelity drops to 666 images, so that
 * its first bracket is 3 + 1 evaluations), writing under a temporary directory; everything else as
 * shipped.
 */
class StrategyExamplesTest {

    @ParameterizedTest
    @ValueSource(strings = {"ran-e-greedy", "successive-halving", "hyperband", "tabular", "surrogate"})
    void strategyExampleRunsAndRecordsItsHypervolume(String example, @TempDir Path tmp) throws Exception {
        int budget = switch (example) {
            case "tabular" -> 64;
            case "surrogate" -> 40; // the initial 20 and two modelled rounds
            default -> 4;
        };
        Path run = ExampleSweepsTest.runShrunk(example, tmp, text -> text
                .replaceFirst("evaluations: \\d+", "evaluations: " + budget)
                .replaceFirst("table: tabular/", "table: " + Path.of("../examples/tabular").toAbsolutePath().normalize()
                        + "/")
                .replaceFirst("maxTrainSamples: \\d+", "maxTrainSamples: 666"));
        List<Map<String, String>> rows = SweepEndToEndTest.readCsv(run.resolve("results.csv"));
        assertEquals(budget, rows.size(), example);
        rows.forEach(r -> assertEquals("ok", r.get("status"), example + ": " + r.get("error")));
        List<Map<String, String>> batches = SweepEndToEndTest.readCsv(run.resolve("hypervolume.csv"));
        assertEquals(String.valueOf(budget), batches.get(batches.size() - 1).get("evaluations"));
        assertTrue(Double.parseDouble(batches.get(batches.size() - 1).get("hypervolume")) > 0, example);
        assertTrue(Files.exists(run.resolve("pareto-search.csv")));
    }
}
