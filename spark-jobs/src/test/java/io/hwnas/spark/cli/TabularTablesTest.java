package io.hwnas.spark.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.hwnas.io.Mappers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A tabular space on any published benchmark table: dimension columns plus whatever numeric columns
 * the benchmark has (no devices, no MACs), named by a path relative to the config file, swept through
 * the CLI from a working directory that is not the config's.
 */
class TabularTablesTest {

    /** A 3 × 2 benchmark with its own metric columns: accuracy and training time, nothing hwnas computes. */
    private static final String TABLE = """
            op,width,val_accuracy,train_time_s
            conv3x3,narrow,0.91,120.5
            conv3x3,wide,0.94,310.0
            conv1x1,narrow,0.85,60.25
            conv1x1,wide,0.89,150.0
            skip,narrow,0.52,10.0
            skip,wide,0.55,20.0
            """;

    @TempDir
    Path tmp;

    private Path config(Path dir, String table, String devices) throws Exception {
        Files.createDirectories(dir);
        Path file = dir.resolve("bench.yaml");
        Files.writeString(file, """
                name: generic-table
                seed: 7
                space:
                  type: tabular
                  table: %s
                  dimensions:
                    - {name: op, options: [conv3x3, conv1x1, skip]}
                    - {name: width, options: [narrow, wide]}
                search:
                  evaluations: 6
                  strategy: {type: random}
                  objectives: [{maximize: val_accuracy}, {minimize: train_time_s}]
                  reference: {val_accuracy: 0.0, train_time_s: 400.0}
                %soutput: %s
                """.formatted(table, devices, tmp.resolve("runs")));
        return file;
    }

    @Test
    void aBenchmarkTableWithOnlyItsOwnColumnsIsSweptWithObjectivesOnThem() throws Exception {
        Files.createDirectories(tmp.resolve("tables"));
        Files.writeString(tmp.resolve("tables/nas-bench.csv"), TABLE);
        // the config sits in another directory than the table and than the working directory (spark-jobs/)
        Path config = config(tmp.resolve("configs"), "../tables/nas-bench.csv", "");

        CostCommandsTest.Run r = CostCommandsTest.run("sweep", "--master", "local[1]", config.toString());
        assertEquals(0, r.code(), r.out() + r.err());

        Path run = onlyRun();
        List<Map<String, String>> rows = readCsv(run.resolve("results.csv"));
        assertEquals(6, rows.size());
        Map<String, String[]> table = new HashMap<>();
        TABLE.lines().skip(1).map(l -> l.split(",")).forEach(f -> table.put(f[0] + "/" + f[1], f));
        for (Map<String, String> row : rows) {
            assertEquals("ok", row.get("status"), row.get("error"));
            JsonNode choices = Mappers.json().readTree(row.get("choices"));
            String[] expected = table.get(choices.path("op").asText() + "/" + choices.path("width").asText());
            assertTrue(expected != null, row.get("choices"));
            assertEquals(Double.parseDouble(expected[2]), Double.parseDouble(row.get("val_accuracy")), 1e-12);
            assertEquals(Double.parseDouble(expected[3]), Double.parseDouble(row.get("train_time_s")), 1e-12);
        }
        // only conv1x1/wide is dominated (by conv3x3/narrow: more accurate in less time)
        List<String> front = readCsv(run.resolve("pareto-search.csv")).stream()
                .map(row -> row.get("val_accuracy")).sorted().toList();
        assertEquals(List.of("0.52", "0.55", "0.85", "0.91", "0.94"), front);

        JsonNode provenance = Mappers.json().readTree(run.resolve("run.json").toFile());
        assertEquals(tmp.resolve("tables/nas-bench.csv").toString(),
                provenance.path("config").path("space").path("table").asText(), "run.json records the resolved table");
    }

    @Test
    void anAbsoluteTablePathIsTakenAsIs() throws Exception {
        Path table = tmp.resolve("elsewhere/nas-bench.csv");
        Files.createDirectories(table.getParent());
        Files.writeString(table, TABLE);
        Path config = config(tmp.resolve("configs"), table.toString(), "devices: []\n");

        CostCommandsTest.Run r = CostCommandsTest.run("sweep", "--master", "local[1]", config.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals(6, readCsv(onlyRun().resolve("results.csv")).size());
    }

    @Test
    void aMissingTableNamesTheResolvedPathAndTheField() throws Exception {
        Path config = config(tmp.resolve("configs"), "tables/absent.csv", "");
        CliErrorsTest.assertOneLine(CostCommandsTest.run("sweep", config.toString()), HwnasCli.BAD_INPUT,
                tmp.resolve("configs/tables/absent.csv").toString(), "space.table");
        assertFalse(Files.exists(tmp.resolve("runs")), "nothing written");
    }

    @Test
    void aWordInAMetricColumnIsOneLineNamingTableRowColumnAndValue() throws Exception {
        Files.writeString(tmp.resolve("nas-bench.csv"), TABLE.replace("60.25", "n/a"));
        Path config = config(tmp, "nas-bench.csv", "");
        CliErrorsTest.assertOneLine(CostCommandsTest.run("sweep", config.toString()), HwnasCli.BAD_INPUT,
                tmp.resolve("nas-bench.csv").toString(), "line 4", "'train_time_s'", "'n/a'", "not a number");
        assertFalse(Files.exists(tmp.resolve("runs")), "nothing written");
    }

    private Path onlyRun() throws Exception {
        try (Stream<Path> runs = Files.list(tmp.resolve("runs"))) {
            List<Path> all = runs.toList();
            assertEquals(1, all.size(), all.toString());
            return all.get(0);
        }
    }

    private static List<Map<String, String>> readCsv(Path file) throws Exception {
        try (MappingIterator<Map<String, String>> it = Mappers.csv().readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(file.toFile())) {
            return it.readAll();
        }
    }
}
