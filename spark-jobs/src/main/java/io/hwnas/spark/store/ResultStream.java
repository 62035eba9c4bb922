package io.hwnas.spark.store;

import com.fasterxml.jackson.databind.SequenceWriter;
import io.hwnas.eval.Column;
import io.hwnas.eval.EvaluationResult;
import io.hwnas.eval.ResultTable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroup;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * results.csv and results.parquet, written batch by batch as a sweep runs, so the driver holds one batch of
 * rows, not the run's. The Parquet file is written by the driver (one part file and a {@code _SUCCESS}
 * marker, as Spark lays a directory out) with the columns and types Spark's writer gave them.
 */
public final class ResultStream implements AutoCloseable {
    static final String CSV = "results.csv";
    static final String PARQUET = "results.parquet";
    /** Rows are buffered per row group before they reach the file: this bounds the driver memory it takes. */
    private static final int ROW_GROUP_BYTES = 16 << 20;

    private final List<Column> columns;
    private final Writer csvOut;
    private final SequenceWriter csv;
    private final MessageType schema;
    private final ParquetWriter<Group> parquet;
    private final RunDirectory dir;
    /** Whether the sweep finished: only then does {@link #close} mark results.parquet complete. */
    private boolean complete;

    private ResultStream(RunDirectory dir, ResultTable table, Configuration hadoop) throws IOException {
        this.dir = dir;
        this.columns = table.columns();
        this.csvOut = new BufferedWriter(new OutputStreamWriter(dir.create(CSV), StandardCharsets.UTF_8), 1 << 16);
        this.csv = Csv.open(columns.stream().map(Column::name).toList(), csvOut);
        this.schema = schema(columns);
        Path part = new Path(dir.stagingPath(PARQUET), "part-00000.snappy.parquet");
        try {
            this.parquet = ExampleParquetWriter.builder(HadoopOutputFile.fromPath(part, hadoop)).withType(schema)
                    .withConf(hadoop).withCompressionCodec(CompressionCodecName.SNAPPY)
                    .withRowGroupSize(ROW_GROUP_BYTES).withWriteMode(ParquetFileWriter.Mode.OVERWRITE).build();
        } catch (IOException | RuntimeException e) {
            csvOut.close();
            throw e;
        }
    }

    /** Starts both files afresh in {@code dir} (a resumed run writes them again from its replay). */
    public static ResultStream open(RunDirectory dir, ResultTable table, Configuration hadoop) {
        try {
            return new ResultStream(dir, table, hadoop);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + CSV + " and " + PARQUET + " in " + dir.stagingLocation(), e);
        }
    }

    /** One row per result, in the given order. */
    public void append(List<EvaluationResult> results) {
        try {
            for (EvaluationResult r : results) {
                Object[] values = new Object[columns.size()];
                Group group = new SimpleGroup(schema);
                for (int c = 0; c < values.length; c++) {
                    values[c] = columns.get(c).value().apply(r);
                    add(group, c, columns.get(c).type(), values[c]);
                }
                csv.write(values);
                parquet.write(group);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + CSV + " / " + PARQUET + " in " + dir.stagingLocation(), e);
        }
    }

    /** Marks the sweep finished, so that {@link #close} gives results.parquet its {@code _SUCCESS} marker. */
    public void complete() {
        complete = true;
    }

    /** Closes both files; results.parquet gets its {@code _SUCCESS} marker only after {@link #complete}. */
    @Override
    public void close() {
        try (Writer ignored = csvOut; ParquetWriter<Group> p = parquet) {
            csv.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot complete " + CSV + " / " + PARQUET + " in " + dir.stagingLocation(), e);
        }
        if (complete) {
            dir.writeText(PARQUET + "/_SUCCESS", "");
        }
    }

    private static void add(Group group, int field, Column.Type type, Object value) {
        if (value == null) {
            return; // an optional field left out is null
        }
        switch (type) {
            case STRING -> group.add(field, (String) value);
            case INT -> group.add(field, ((Number) value).intValue());
            case LONG -> group.add(field, ((Number) value).longValue());
            case DOUBLE -> group.add(field, ((Number) value).doubleValue());
            case BOOLEAN -> group.add(field, (Boolean) value);
        }
    }

    /** The schema Spark's writer gives these columns: every field optional, strings as UTF-8 binaries. */
    private static MessageType schema(List<Column> columns) {
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (Column c : columns) {
            switch (c.type()) {
                case STRING -> b.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(c.name());
                case INT -> b.optional(PrimitiveTypeName.INT32).named(c.name());
                case LONG -> b.optional(PrimitiveTypeName.INT64).named(c.name());
                case DOUBLE -> b.optional(PrimitiveTypeName.DOUBLE).named(c.name());
                case BOOLEAN -> b.optional(PrimitiveTypeName.BOOLEAN).named(c.name());
            }
        }
        return b.named("spark_schema");
    }
}
