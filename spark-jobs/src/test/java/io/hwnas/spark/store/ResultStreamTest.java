package io.hwnas.spark.store;

import io.hwnas.arch.ActivationType;
import io.hwnas.arch.PoolKind;
import io.hwnas.eval.Candidate;
import io.hwnas.eval.DeviceCost;
import io.hwnas.eval.EvaluationResult;
import io.hwnas.eval.ResultTable;
import io.hwnas.eval.Status;
import io.hwnas.pareto.Objective;
import io.hwnas.space.ActivationSpace;
import io.hwnas.space.Choice;
import io.hwnas.space.ConvStage;
import io.hwnas.space.ImageInput;
import io.hwnas.sr.DetectionTask;
import io.hwnas.sr.Task;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A detection sweep's rows streamed batch by batch, with a candidate that failed without an evaluation (a time
 * limit, a memory refusal, a lost executor): both files hold every row with the mAP columns, the failure's error and
 * its absent device figures; the memory front takes only the measured candidates.
 */
class ResultStreamTest {
    private static final ActivationSpace SPACE = new ActivationSpace(new ImageInput(1, 28, 28), 10,
            List.of(new ConvStage(8, 1, 3, PoolKind.MAX)), ActivationSpace.Head.FLATTEN,
            List.of(ActivationType.RELU, ActivationType.SILU), List.of(1.0));
    private static final Task DETECTION = new Task(null, new DetectionTask(DetectionTask.DEFAULT_CANVAS));
    private static final List<String> DEVICES = List.of("host-cpu");

    @TempDir
    Path tmp;

    @Test
    void detectionRowsAndFailuresReachBothFilesBatchByBatch() throws Exception {
        ResultTable table = new ResultTable(DEVICES, List.of(), DETECTION);
        Candidate timedOut = Candidate.of(SPACE, Choice.of(1), 2, 1, 7);
        List<EvaluationResult> results = List.of(detected(0, 0.40, 4_000_000), detected(1, 0.55, 9_000_000),
                EvaluationResult.failed(timedOut, "timeout after 60 s, \"the\" derived limit", "driver"));
        RunDirectory dir = RunDirectory.create(tmp.toString(), "detect", new Configuration());
        Path staging = tmp.resolve(".detect.inprogress");
        try (ResultStream stream = ResultStream.open(dir, table, new Configuration())) {
            stream.append(results.subList(0, 2));
        }
        assertFalse(Files.exists(staging.resolve(ResultStream.PARQUET).resolve("_SUCCESS")),
                "a stream closed before its sweep finished (the search threw) is not marked complete");
        try (ResultStream stream = ResultStream.open(dir, table, new Configuration())) {
            stream.append(results.subList(0, 2));
            stream.append(results.subList(2, 3));
            stream.complete();
        }

        List<Map<String, String>> csv = Csv.read(Files.readString(staging.resolve(ResultStream.CSV)));
        assertEquals(List.of("0", "1", "2"), csv.stream().map(r -> r.get("candidate_id")).toList());
        assertEquals("0.4", csv.get(0).get("map50"));
        assertEquals("failed", csv.get(2).get("status"));
        assertEquals("timeout after 60 s, \"the\" derived limit", csv.get(2).get("error"));
        assertEquals("NaN", csv.get(2).get("map50"));
        assertEquals("-1", csv.get(2).get("peak_memory_bytes_host_cpu"), "no device figures");

        assertTrue(Files.exists(staging.resolve(ResultStream.PARQUET).resolve("_SUCCESS")));
        List<Group> parquet = new ArrayList<>();
        try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(),
                new org.apache.hadoop.fs.Path(staging.resolve(ResultStream.PARQUET).toUri())).build()) {
            for (Group g = reader.read(); g != null; g = reader.read()) {
                parquet.add(g);
            }
        }
        assertEquals(3, parquet.size());
        assertEquals(0.55, parquet.get(1).getDouble("map50", 0));
        assertEquals(0.55 / 2, parquet.get(1).getDouble("map50_95", 0));
        assertEquals("timeout after 60 s, \"the\" derived limit", parquet.get(2).getString("error", 0));
        assertTrue(Double.isNaN(parquet.get(2).getDouble("fps_host_cpu", 0)));

        FrontDefinition memory = FrontDefinition.standard(DEVICES, DETECTION).stream()
                .filter(f -> f.name().equals("memory-host-cpu")).findFirst().orElseThrow();
        assertEquals(List.of(Objective.maximize("map50"), Objective.minimize("peak_memory_bytes_host_cpu")),
                memory.objectives());
        assertEquals(List.of(0, 1), memory.front(results, table).stream().map(r -> r.get("candidate_id")).toList(),
                "both measured candidates trade mAP for memory; the failed one is left out");
    }

    /** A trained detector: {@code map50}, half of it as {@code map50_95}, and its peak memory on the host. */
    private static EvaluationResult detected(int id, double map50, long peakMemory) {
        return new EvaluationResult(id, 0, "f" + id, Map.of("act_0", "relu"), Status.OK, null,
                Double.NaN, Double.NaN, 1.5, 1_000, 100, 0, 500, List.of(new DeviceCost("host-cpu", 2.0, 500,
                peakMemory, true)), 1_000, 100, 3.0, 0.5, 256, 85.3, 7, "w", Map.of(), Double.NaN, Double.NaN,
                Double.NaN, map50, map50 / 2, List.of(), Double.NaN);
    }
}
