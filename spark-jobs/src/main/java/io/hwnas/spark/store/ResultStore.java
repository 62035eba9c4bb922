package io.hwnas.spark.store;

import io.hwnas.search.BatchRecord;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Completes a run whose results {@link ResultStream} has written: one pareto-*.csv per front, hypervolume.csv
 * (search quality after every batch) and run.json, then publishes the staging directory by one rename (see
 * {@link RunDirectory}).
 */
public final class ResultStore {

    private ResultStore() {
    }

    public static URI write(RunDirectory dir, Map<FrontDefinition, List<Map<String, Object>>> fronts,
                            List<BatchRecord> batches, RunProvenance provenance) {
        for (Map.Entry<FrontDefinition, List<Map<String, Object>>> f : fronts.entrySet()) {
            dir.writeText(f.getKey().fileName(), Csv.write(f.getKey().columns(), f.getValue()));
        }
        dir.writeText("hypervolume.csv", Csv.write(BATCH_COLUMNS, batches.stream().map(ResultStore::batchRow).toList()));
        return dir.publish(provenance);
    }

    private static final List<String> BATCH_COLUMNS = List.of("batch", "evaluations", "new_evaluations", "failed",
            "front_size", "hypervolume", "elapsed_seconds");

    private static Map<String, Object> batchRow(BatchRecord b) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("batch", b.batch());
        row.put("evaluations", b.evaluations());
        row.put("new_evaluations", b.newEvaluations());
        row.put("failed", b.failed());
        row.put("front_size", b.frontSize());
        row.put("hypervolume", b.hypervolume());
        row.put("elapsed_seconds", b.elapsedSeconds());
        return row;
    }
}
