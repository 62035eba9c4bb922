package io.hwnas.spark;

import com.fasterxml.jackson.databind.JsonNode;
import io.hwnas.io.Mappers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A cost-only sweep on local[2] whose devices are the two measured ones: each candidate timed in ONNX Runtime and DL4J. */
class OnnxRuntimeSweepTest {

    @Test
    void onnxRuntimeTimesEveryCandidateOnItsExecutor(@TempDir Path tmp) throws Exception {
        Path run = SmallSweeps.sweep(tmp, SmallSweeps.config("ort", 3, 3, """
                training: {epochs: 0}
                search:
                  evaluations: 3
                  objectives: [{maximize: fps_onnxruntime_cpu}, {minimize: macs}]
                  reference: {macs: 1.0e9}
                devices: [onnxruntime-cpu, measured]
                output: %s
                """.formatted(tmp.resolve("runs"))).replaceFirst("\ncandidates: 3\n", "\n"));
        List<Map<String, String>> rows = SweepEndToEndTest.readCsv(run.resolve("results.csv"));
        assertEquals(3, rows.size());
        for (Map<String, String> r : rows) {
            assertEquals("ok", r.get("status"), r.get("error"));
            double ms = Double.parseDouble(r.get("latency_ms_onnxruntime_cpu"));
            assertTrue(ms > 0 && Double.isFinite(ms), "ONNX Runtime timed the candidate: " + r);
            assertEquals(1000 / ms, Double.parseDouble(r.get("fps_onnxruntime_cpu")), 1e-6 * 1000 / ms);
            assertEquals(r.get("peak_memory_bytes_measured"), r.get("peak_memory_bytes_onnxruntime_cpu"));
            assertTrue(Double.parseDouble(r.get("latency_ms_measured")) > 0, r.toString());
        }
        // the search goal ranks by ONNX Runtime's FPS: its fastest candidate is on the front
        String fastest = rows.stream().max(Comparator.comparingDouble(r -> Double.parseDouble(r.get(
                "fps_onnxruntime_cpu")))).orElseThrow().get("candidate_id");
        assertTrue(SweepEndToEndTest.readCsv(run.resolve("pareto-search.csv")).stream()
                .anyMatch(r -> r.get("candidate_id").equals(fastest)), fastest);
        // the report re-times its per-layer table on the first device, the driver's machine, and says so
        JsonNode report = Mappers.json().readTree(run.resolve("report/report.json").toFile());
        assertEquals("onnxruntime-cpu", report.get("device").asText(), report.toString());
        assertTrue(report.get("notes").toString().contains("measured again now, on this machine (ONNX Runtime "
                + "inference)"), report.toString());
    }
}
