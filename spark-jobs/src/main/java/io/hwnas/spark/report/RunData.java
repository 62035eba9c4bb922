package io.hwnas.spark.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.hwnas.spark.store.CompletedRun;
import io.hwnas.spark.store.Csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a report shows of a published run, as written: run.json, every evaluation (results.csv, by column),
 * every front file and the per-batch hypervolume. Files an older or partial run lacks are empty
 * (results, hypervolume) or absent (fronts); the report says so instead of failing.
 *
 * @param fronts front name ({@code search}, a device id, {@code macs}) → its rows in file order
 * @param nightlyDiff a nightly run's diff.txt against the previous night, null for other runs
 */
public record RunData(String location, String runId, JsonNode provenance, ResultColumns results,
                      boolean hasResults, Map<String, List<Map<String, String>>> fronts,
                      List<Map<String, String>> hypervolume, boolean hasHypervolume, String nightlyDiff) {

    public RunData {
        fronts = Collections.unmodifiableMap(new LinkedHashMap<>(fronts));
        hypervolume = List.copyOf(hypervolume);
    }

    public static RunData read(CompletedRun run) {
        Map<String, List<Map<String, String>>> fronts = new LinkedHashMap<>();
        Map<String, String> members = new HashMap<>();
        for (String name : run.fronts()) {
            fronts.put(name, run.front(name));
            fronts.get(name).forEach(r -> members.put(Cells.text(r, "candidate_id"), Cells.text(r, "fingerprint")));
        }
        Optional<InputStream> results = run.open("results.csv");
        ResultColumns columns = ResultColumns.empty();
        if (results.isPresent()) {
            try (Reader in = new InputStreamReader(results.get(), StandardCharsets.UTF_8)) {
                columns = ResultColumns.read(in, members);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + run.location() + "/results.csv", e);
            }
        }
        Optional<String> hypervolume = run.text("hypervolume.csv");
        return new RunData(run.location().toString(), run.runId(), run.provenance(), columns, results.isPresent(),
                fronts, hypervolume.map(Csv::read).orElse(List.of()), hypervolume.isPresent(),
                run.text("diff.txt").orElse(null));
    }

    /** The text of a run.json field ({@code a.b} for nested ones), empty when absent. */
    public String field(String path) {
        JsonNode node = provenance;
        for (String part : path.split("\\.")) {
            node = node == null ? null : node.get(part);
        }
        return node == null || node.isNull() ? "" : node.isValueNode() ? node.asText() : node.toString();
    }

    /** The results.csv row of a front row: same candidate and fingerprint (the last one, for a point evaluated again). */
    public Map<String, String> resultOf(Map<String, String> frontRow) {
        return results.rowOf(frontRow);
    }
}
