package io.hwnas.hw.lut;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.hwnas.io.Mappers;
import io.hwnas.io.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads and writes latency tables as CSV (format documented in hardware-profiles/README.md, "Latency tables"):
 * {@code # name: value} comment lines for the metadata ({@code device} and {@code inference_overhead_seconds}
 * required), then a header and one row per measured op:
 * {@code key,in_channels,out_channels,height,width,work,latency_seconds}. Errors name the file, the line and
 * the field. Writing goes to a temporary file that is renamed into place, so a table is never half-written.
 */
public final class LatencyTableFiles {
    public static final String FORMAT = "hwnas latency table 1";
    static final String DEVICE = "device";
    static final String OVERHEAD = "inference_overhead_seconds";
    private static final List<String> COLUMNS = List.of("key", "in_channels", "out_channels", "height", "width", "work",
            "latency_seconds");
    private static final CsvMapper CSV = Mappers.csv();

    private LatencyTableFiles() {
    }

    public static LatencyTable read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read the latency table (" + e.getMessage() + ")", e);
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        int header = 0;
        while (header < lines.size() && lines.get(header).startsWith("#")) {
            String line = lines.get(header).substring(1).strip();
            int colon = line.indexOf(':');
            if (colon > 0) {
                metadata.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
            header++;
        }
        if (!FORMAT.equals(metadata.get("format"))) {
            throw new IllegalArgumentException(file + ": not a latency table: the first lines must include '# format: "
                    + FORMAT + "'");
        }
        String device = required(file, metadata, DEVICE);
        double overhead = number(file, OVERHEAD, required(file, metadata, OVERHEAD));
        List<LatencyEntry> entries = new ArrayList<>();
        String body = String.join("\n", lines.subList(header, lines.size()));
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        try (MappingIterator<Map<String, String>> rows = CSV.readerFor(Map.class).with(schema)
                .with(CsvParser.Feature.FAIL_ON_MISSING_COLUMNS).readValues(body)) {
            int line = header + 2;
            while (rows.hasNext()) {
                Map<String, String> row = rows.next();
                if (line == header + 2 && !row.keySet().containsAll(COLUMNS)) {
                    throw new IllegalArgumentException(file + ": the header must name the columns " + COLUMNS + ", got "
                            + row.keySet());
                }
                entries.add(entry(file, line, row));
                line++;
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not a valid latency table CSV (" + e.getMessage() + ")", e);
        }
        try {
            return new LatencyTable(device, metadata, overhead, entries);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    public static void write(Path file, LatencyTable table) {
        StringBuilder out = new StringBuilder();
        out.append("# format: ").append(FORMAT).append('\n');
        out.append("# ").append(DEVICE).append(": ").append(table.device()).append('\n');
        out.append("# ").append(OVERHEAD).append(": ").append(table.inferenceOverheadSeconds()).append('\n');
        table.metadata().forEach((k, v) -> {
            if (!List.of("format", DEVICE, OVERHEAD).contains(k)) {
                out.append("# ").append(k).append(": ").append(v.replace('\n', ' ')).append('\n');
            }
        });
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        COLUMNS.forEach(schema::addColumn);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (LatencyEntry e : table.entries()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("key", e.key());
            row.put("in_channels", e.inChannels());
            row.put("out_channels", e.outChannels());
            row.put("height", e.height());
            row.put("width", e.width());
            row.put("work", e.work());
            row.put("latency_seconds", String.format(Locale.ROOT, "%.9g", e.latencySeconds()));
            rows.add(row);
        }
        try {
            out.append(CSV.writer(schema.build()).writeValueAsString(rows));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot format latency table", e);
        }
        AtomicFiles.writeString(file, out);
    }

    private static LatencyEntry entry(Path file, int line, Map<String, String> row) {
        String where = file + " line " + line;
        try {
            return new LatencyEntry(row.get("key"), integer(where, "in_channels", row), integer(where, "out_channels", row),
                    integer(where, "height", row), integer(where, "width", row),
                    (long) number(where, "work", row.get("work")), number(where, "latency_seconds", row.get("latency_seconds")));
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith(where) ? e : new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static int integer(String where, String field, Map<String, String> row) {
        double v = number(where, field, row.get(field));
        if (v != Math.rint(v) || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(where + ": field '" + field + "' = '" + row.get(field) + "' must be an integer");
        }
        return (int) v;
    }

    private static double number(Object where, String field, String value) {
        try {
            return Double.parseDouble(value == null ? "" : value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": field '" + field + "' = '" + value + "' is not a number");
        }
    }

    private static String required(Path file, Map<String, String> metadata, String name) {
        String v = metadata.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(file + ": the comment line '# " + name + ": ...' is required");
        }
        return v;
    }
}
