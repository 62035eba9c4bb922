package io.hwnas.spark.store;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.hwnas.io.Mappers;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/** RFC 4180 CSV with a header row, via Jackson's CSV module. */
public final class Csv {
    private static final CsvMapper MAPPER = Mappers.csv();

    private Csv() {
    }

    public static String write(List<String> columns, List<Map<String, Object>> rows) {
        StringWriter out = new StringWriter();
        try (SequenceWriter w = open(columns, out)) {
            for (Map<String, Object> row : rows) {
                w.write(columns.stream().map(row::get).toArray());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot format CSV: " + e.getMessage(), e);
        }
        return out.toString();
    }

    /**
     * A writer that has written the header row and takes one row (an array of cells in column order) per
     * {@code write}; closing it closes {@code out}.
     */
    public static SequenceWriter open(List<String> columns, Writer out) throws IOException {
        CsvSchema.Builder schema = CsvSchema.builder();
        columns.forEach(schema::addColumn);
        return MAPPER.writer(schema.build().withHeader()).writeValues(out);
    }

    /** Rows of a CSV text with a header row, each as column → cell text, in file order. */
    public static List<Map<String, String>> read(String text) {
        try (MappingIterator<Map<String, String>> rows = MAPPER.readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(text)) {
            return rows.readAll();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse CSV: " + e.getMessage(), e);
        }
    }
}
