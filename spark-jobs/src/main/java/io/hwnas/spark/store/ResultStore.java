package io.hwnas.spark.store;

import io.hwnas.eval.Column;
import io.hwnas.eval.ResultTable;
import io.hwnas.eval.EvaluationResult;
import io.hwnas.search.BatchRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a finished run: results.parquet (Spark), results.csv, one pareto-*.csv per front,
 * hypervolume.csv (search quality after every batch) and run.json, all into a staging directory published by one rename (see {@link RunDirectory}).
 */
public final class ResultStore {

    private ResultStore() {
    }

    public static URI write(SparkSession spark, RunDirectory dir, List<EvaluationResult> results, ResultTable table,
                            Map<FrontDefinition, List<Map<String, Object>>> fronts, List<BatchRecord> batches,
                            RunProvenance provenance) {
        List<Column> columns = table.columns();
        List<Map<String, Object>> rows = results.stream().map(table::row).toList();
        List<String> names = columns.stream().map(Column::name).toList();
        spark.createDataFrame(toRows(rows, names), schema(columns)).coalesce(1).write()
                .parquet(dir.stagingPath("results.parquet"));
        dir.writeText("results.csv", Csv.write(names, rows));
        for (Map.Entry<FrontDefinition, List<Map<String, Object>>> f : fronts.entrySet()) {
            dir.writeText(f.getKey().fileName(), Csv.write(f.getKey().columns(), f.getValue()));
        }
        dir.writeText("hypervolume.csv", Csv.write(BATCH_COLUMNS, batches.stream().map(ResultStore::batchRow).toList()));
        return dir.publish(provenance);
    }

    private static final List<String> BATCH_COLUMNS = List.of("batch", "evaluations", "new_evaluations", "failed",
            "front_size", "hypervolume", "elapsed_seconds");

    private static Map<String, Object> batchRow(BatchRecord b) {
        Map<String, Object> row = new java.util.LinkedHashMap<>();
        row.put("batch", b.batch());
        row.put("evaluations", b.evaluations());
        row.put("new_evaluations", b.newEvaluations());
        row.put("failed", b.failed());
        row.put("front_size", b.frontSize());
        row.put("hypervolume", b.hypervolume());
        row.put("elapsed_seconds", b.elapsedSeconds());
        return row;
    }

    private static List<Row> toRows(List<Map<String, Object>> rows, List<String> names) {
        List<Row> out = new ArrayList<>(rows.size());
        for (Map<String, Object> r : rows) {
            out.add(RowFactory.create(names.stream().map(r::get).toArray()));
        }
        return out;
    }

    private static StructType schema(List<Column> columns) {
        return DataTypes.createStructType(columns.stream()
                .map(c -> new StructField(c.name(), sparkType(c.type()), true, org.apache.spark.sql.types.Metadata.empty()))
                .toArray(StructField[]::new));
    }

    private static DataType sparkType(Column.Type t) {
        return switch (t) {
            case STRING -> DataTypes.StringType;
            case INT -> DataTypes.IntegerType;
            case LONG -> DataTypes.LongType;
            case DOUBLE -> DataTypes.DoubleType;
            case BOOLEAN -> DataTypes.BooleanType;
        };
    }
}
