package io.hwnas.spark.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.hwnas.io.Mappers;
import io.hwnas.spark.store.Csv;

import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link OutputRow} records as JSON and as CSV. JSON is an array of one object per row. CSV has a header row with
 * the same field names and one line per row; a field holding a list or an object is written as its compact JSON,
 * as results.csv writes a candidate's choices, and a field left out is an empty cell.
 */
final class Rows {

    private Rows() {
    }

    static String json(Class<? extends Record> type, List<? extends Record> rows) {
        requireRow(type);
        try {
            return Mappers.prettyJson().writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot format JSON: " + e.getMessage(), e);
        }
    }

    static String csv(Class<? extends Record> type, List<? extends Record> rows) {
        requireRow(type);
        List<String> columns = columns(type);
        List<Map<String, Object>> cells = rows.stream().map(r -> cells(columns, r)).toList();
        return Csv.write(columns, cells);
    }

    /** The field names as the JSON has them: Jackson's own view of the type, so the two cannot drift apart. */
    private static List<String> columns(Class<?> type) {
        ObjectMapper m = Mappers.json();
        return m.getSerializationConfig().introspect(m.constructType(type)).findProperties().stream()
                .map(BeanPropertyDefinition::getName).toList();
    }

    private static Map<String, Object> cells(List<String> columns, Record row) {
        JsonNode tree = Mappers.json().valueToTree(row);
        Map<String, Object> cells = new LinkedHashMap<>();
        for (String c : columns) {
            cells.put(c, cell(tree.get(c)));
        }
        return cells;
    }

    private static String cell(JsonNode value) {
        if (value == null || value.isNull()) {
            return "";
        }
        if (!value.isContainerNode()) {
            return value.asText();
        }
        try {
            return Mappers.json().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot format JSON: " + e.getMessage(), e);
        }
    }

    private static void requireRow(Class<?> type) {
        if (!type.isAnnotationPresent(OutputRow.class)) {
            throw new IllegalArgumentException(type.getName() + " is not an @OutputRow");
        }
    }
}
