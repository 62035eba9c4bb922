package io.hwnas.tabular;

import io.hwnas.eval.Candidate;
import io.hwnas.eval.EvaluationResult;
import io.hwnas.space.Choice;
import io.hwnas.space.Dimension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunTableTest {
    private static final List<String> HEADER = List.of("candidate_id", "generation", "fingerprint", "choices", "status",
            "error", "accuracy", "accuracy_se", "loss", "macs", "latency_ms_host_cpu", "fps_host_cpu",
            "peak_memory_bytes_host_cpu", "fits_on_chip_host_cpu", "seed", "worker");

    @TempDir
    Path dir;

    private static Map<String, String> row(int id, String act, String width, String status, double accuracy) {
        Map<String, String> r = new LinkedHashMap<>();
        List<String> values = List.of(String.valueOf(id), "0", "fp" + id,
                "{\"act\":\"" + act + "\",\"width\":\"" + width + "\"}", status, status.equals("ok") ? "" : "OOM",
                String.valueOf(accuracy), "0.0125", "0.5", String.valueOf(1000 * (id + 1)), "0.25", "4000.0", "1024",
                "true", "99", "host/1");
        for (int i = 0; i < HEADER.size(); i++) {
            r.put(HEADER.get(i), values.get(i));
        }
        return r;
    }

    @Test
    void okRowsBecomeTableRowsThatATabularSpaceLooksUp() throws Exception {
        List<Map<String, String>> results = List.of(row(0, "relu", "0.5", "ok", 0.81), row(1, "silu", "0.5", "ok", 0.83),
                row(2, "relu", "1.0", "failed", Double.NaN), row(3, "silu", "1.0", "ok", 0.85));
        Path out = dir.resolve("t.csv");
        RunTable.Summary s = RunTable.write(HEADER, results, out, "results.csv");
        assertEquals(3, s.rows());
        assertEquals(1, s.failed());
        assertEquals(List.of("act", "width"), s.dimensions());
        assertEquals(List.of("act", "width", "accuracy", "accuracy_se", "loss", "macs", "latency_ms_host_cpu",
                "fps_host_cpu", "peak_memory_bytes_host_cpu", "fits_on_chip_host_cpu"), s.columns());
        List<String> lines = Files.readAllLines(out);
        assertEquals(String.join(",", s.columns()), lines.get(0));
        assertEquals("silu,1.0,0.85,0.0125,0.5,4000,0.25,4000.0,1024,true", lines.get(3));

        TabularSpace space = new TabularSpace(List.of(new Dimension("act", List.of("relu", "silu")),
                new Dimension("width", List.of("0.5", "1.0"))), out.toString());
        TabularEvaluator eval = TabularEvaluator.load(space, out, List.of("host-cpu"));
        EvaluationResult r = eval.evaluate(List.of(Candidate.of(space, Choice.of(1, 1), 0, 0, 1))).get(0);
        assertTrue(r.ok(), r.error());
        assertEquals(0.85, r.accuracy());
        assertEquals(0.0125, r.accuracySe());
        assertEquals(4000, r.macs());
        EvaluationResult missing = eval.evaluate(List.of(Candidate.of(space, Choice.of(0, 1), 1, 0, 1))).get(0);
        assertTrue(!missing.ok(), "the failed point is not in the table");
    }

    @Test
    void aColumnNoPointHasAValueInIsLeftOut() throws Exception {
        Map<String, String> a = row(0, "relu", "0.5", "ok", Double.NaN);
        Map<String, String> b = row(1, "silu", "0.5", "ok", Double.NaN);
        b.put("accuracy_se", "NaN");
        a.put("accuracy_se", "");
        RunTable.Summary s = RunTable.write(HEADER, List.of(a, b), dir.resolve("t.csv"), "r.csv");
        assertEquals(List.of("act", "width", "loss", "macs"), s.columns().subList(0, 4), "cost-only: no accuracy");
    }

    @Test
    void refusesWhatIsNotOneEvaluationPerPoint() {
        Path out = dir.resolve("t.csv");
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> RunTable.write(HEADER,
                List.of(row(0, "relu", "0.5", "ok", 0.8), row(1, "relu", "0.5", "ok", 0.7)), out, "r.csv"));
        assertEquals("r.csv line 3: point {act=relu, width=0.5} was already evaluated on line 2; a table holds each "
                + "point once", twice.getMessage());
        Map<String, String> other = new LinkedHashMap<>(row(1, "silu", "0.5", "ok", 0.7));
        other.put("choices", "{\"act\":\"silu\"}");
        IllegalArgumentException dims = assertThrows(IllegalArgumentException.class,
                () -> RunTable.write(HEADER, List.of(row(0, "relu", "0.5", "ok", 0.8), other), out, "r.csv"));
        assertTrue(dims.getMessage().contains("name other dimensions than the first row's [act, width]"), dims.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> RunTable.write(HEADER, List.of(row(0, "relu", "0.5", "failed", 0.8)), out, "r.csv"));
        assertEquals("r.csv: no successful evaluation (1 failed), so there is no table to write", none.getMessage());
        List<String> noChoices = new ArrayList<>(HEADER);
        noChoices.remove("choices");
        IllegalArgumentException notResults = assertThrows(IllegalArgumentException.class,
                () -> RunTable.write(noChoices, List.of(), out, "r.csv"));
        assertTrue(notResults.getMessage().contains("has no 'choices' column"), notResults.getMessage());
        assertTrue(Files.notExists(out), "nothing written");
    }
}
