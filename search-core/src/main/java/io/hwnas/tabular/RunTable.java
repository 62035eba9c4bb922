package io.hwnas.tabular;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hwnas.io.Mappers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A sweep's results (results.csv rows) as a {@link TabularSpace} table: one row per successfully evaluated point,
 * its dimension columns taken from the {@code choices} JSON, then every metric column of the results (accuracy,
 * accuracy_se, macs, per-device costs, proxies, ...); bookkeeping columns (id, fingerprint, status, seed, worker)
 * and columns no point has a value in (accuracy of a cost-only run) are left out. This is how a table of real
 * trained accuracies is made: an exhaustive sweep, then this.
 */
public final class RunTable {
    private static final ObjectMapper JSON = Mappers.json();

    /**
     * @param rows points written
     * @param failed results not ok, left out of the table
     * @param dimensions the dimension columns, in the table's (alphabetical) order
     */
    public record Summary(Path table, int rows, int failed, List<String> dimensions, List<String> columns) {
        public Summary {
            dimensions = List.copyOf(dimensions);
            columns = List.copyOf(columns);
        }
    }

    private RunTable() {
    }

    /**
     * Writes the table to {@code out} atomically.
     *
     * @param results rows of results.csv, column name → cell text, with their header's columns in {@code header}
     * @param source what the rows were read from, for messages
     */
    public static Summary write(List<String> header, List<Map<String, String>> results, Path out, String source) {
        for (String required : List.of("choices", "status")) {
            if (!header.contains(required)) {
                throw new IllegalArgumentException(source + ": has no '" + required + "' column; expected the "
                        + "results.csv of a sweep");
            }
        }
        List<String> candidates = header.stream().filter(c -> !TabularEvaluator.BOOKKEEPING.contains(c)).toList();
        List<String> dimensions = null;
        Map<Map<String, String>, Integer> seen = new HashMap<>();
        List<Map<String, String>> points = new ArrayList<>();
        List<Map<String, String>> ok = new ArrayList<>();
        int failed = 0;
        for (int i = 0; i < results.size(); i++) {
            Map<String, String> r = results.get(i);
            if (!"ok".equals(r.get("status"))) {
                failed++;
                continue;
            }
            Map<String, String> choices = choices(r.get("choices"), source, i + 2);
            if (dimensions == null) {
                dimensions = List.copyOf(choices.keySet());
                for (String d : dimensions) {
                    if (candidates.contains(d)) {
                        throw new IllegalArgumentException(source + ": dimension '" + d + "' has the name of a metric "
                                + "column; the table could not tell them apart");
                    }
                }
            } else if (!dimensions.equals(List.copyOf(choices.keySet()))) {
                throw new IllegalArgumentException(source + " line " + (i + 2) + ": choices " + choices.keySet()
                        + " name other dimensions than the first row's " + dimensions);
            }
            Integer earlier = seen.putIfAbsent(choices, i + 2);
            if (earlier != null) {
                throw new IllegalArgumentException(source + " line " + (i + 2) + ": point " + choices
                        + " was already evaluated on line " + earlier + "; a table holds each point once");
            }
            points.add(choices);
            ok.add(r);
        }
        if (ok.isEmpty()) {
            throw new IllegalArgumentException(source + ": no successful evaluation (" + failed + " failed), so there "
                    + "is no table to write");
        }
        List<String> metrics = candidates.stream().filter(c -> ok.stream().anyMatch(r -> measured(r.get(c)))).toList();
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < ok.size(); i++) {
            List<String> row = new ArrayList<>(points.get(i).values());
            Map<String, String> r = ok.get(i);
            metrics.forEach(m -> row.add(r.get(m)));
            rows.add(row);
        }
        List<String> columns = new ArrayList<>(dimensions);
        columns.addAll(metrics);
        TabularTableGenerator.writeAtomically(out, columns, rows);
        return new Summary(out, rows.size(), failed, dimensions, columns);
    }

    private static boolean measured(String cell) {
        return cell != null && !cell.isBlank() && !cell.equals("NaN");
    }

    private static Map<String, String> choices(String json, String source, int line) {
        try {
            return new TreeMap<>(JSON.readValue(json == null ? "" : json, new TypeReference<Map<String, String>>() { }));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + " line " + line + ": choices '" + json
                    + "' is not a JSON object of dimension → option");
        }
    }
}
