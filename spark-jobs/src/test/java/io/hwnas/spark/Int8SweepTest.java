package io.hwnas.spark;

import io.hwnas.data.FashionMnist;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A sweep with {@code quantization: int8}: every trained candidate is also scored as int8 in ONNX Runtime, and the
 * search goal ranks by that score.
 */
class Int8SweepTest {
    private static final String LATENCY = "latency_ms_ethos_u55_128";

    @Test
    void int8AccuracyIsMeasuredForEveryCandidateAndTheFrontRanksByIt(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.isDirectory(Path.of(FashionMnist.DEFAULT_DIRECTORY)), "Fashion-MNIST not installed");
        Path run = SmallSweeps.sweep(tmp, SmallSweeps.config("int8", 5, 3, """
                quantization: int8
                search:
                  evaluations: 3
                  objectives: [{maximize: accuracy_int8}, {minimize: %s}]
                  reference: {%s: 100.0}
                data: {trainSamples: 500, validationSamples: 300}
                training: {epochs: 1, batchSize: 32, learningRate: 0.003}
                devices: [ethos-u55-128]
                output: %s
                """.formatted(LATENCY, LATENCY, tmp.resolve("runs"))).replaceFirst("\ncandidates: 3\n", "\n"));
        List<Map<String, String>> rows = SweepEndToEndTest.readCsv(run.resolve("results.csv"));
        assertEquals(3, rows.size());
        for (Map<String, String> r : rows) {
            assertEquals("ok", r.get("status"), r.get("error"));
            double accuracy = Double.parseDouble(r.get("accuracy"));
            double int8 = Double.parseDouble(r.get("accuracy_int8"));
            assertTrue(accuracy > 0.3, "trained beyond chance: " + r);
            assertTrue(Math.abs(accuracy - int8) < 0.05, "int8 within a few points of fp32: " + r);
            assertEquals(accuracy - int8, Double.parseDouble(r.get("int8_drop")), 1e-12, r.toString());
        }
        Set<String> front = SweepEndToEndTest.readCsv(run.resolve("pareto-search.csv")).stream()
                .map(r -> r.get("candidate_id")).collect(Collectors.toSet());
        assertEquals(bruteForceFront(rows), front);
    }

    /** Candidates no other beats on int8 accuracy and latency at once (one at least as good, one better). */
    private static Set<String> bruteForceFront(List<Map<String, String>> rows) {
        return rows.stream().filter(a -> rows.stream().noneMatch(b -> dominates(b, a)))
                .map(r -> r.get("candidate_id")).collect(Collectors.toSet());
    }

    private static boolean dominates(Map<String, String> b, Map<String, String> a) {
        double accA = Double.parseDouble(a.get("accuracy_int8"));
        double accB = Double.parseDouble(b.get("accuracy_int8"));
        double latA = Double.parseDouble(a.get(LATENCY));
        double latB = Double.parseDouble(b.get(LATENCY));
        return accB >= accA && latB <= latA && (accB > accA || latB < latA);
    }
}
