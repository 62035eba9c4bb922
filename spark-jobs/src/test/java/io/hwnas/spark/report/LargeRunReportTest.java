package io.hwnas.spark.report;

import com.fasterxml.jackson.databind.SequenceWriter;
import io.hwnas.io.HadoopConfigurations;
import io.hwnas.spark.Sessions;
import io.hwnas.spark.SmallSweeps;
import io.hwnas.spark.SweepJob;
import io.hwnas.spark.config.SweepConfigLoader;
import io.hwnas.spark.store.Csv;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report of a run with 300,000 evaluations: a real tabular sweep whose results.csv is then grown with synthetic
 * evaluations, all dominated by its front. The cloud is drawn as a density, the front point by point, and the whole
 * report stays under a few MB (300,000 SVG markers alone would be tens of MB).
 */
class LargeRunReportTest {
    private static final int EVALUATIONS = 300_000;

    @TempDir
    Path tmp;

    @Test
    void aLargeCloudIsADensityAndTheReportStaysSmall() throws Exception {
        Path config = SmallSweeps.tabular(tmp, "large", "");
        String text = Files.readString(config);
        try (SparkSession spark = Sessions.create("large-run-report", "local[1]")) {
            SweepJob.run(spark, SweepConfigLoader.plan(text, config.toString()), config.toString(), text);
        }
        Path run;
        try (Stream<Path> runs = Files.list(tmp.resolve("runs"))) {
            run = runs.findFirst().orElseThrow();
        }
        grow(run.resolve("results.csv"));
        Files.deleteIfExists(run.resolve(".results.csv.crc")); // Hadoop's local checksum of the file as the sweep wrote it

        RunReport.Written written = RunReport.write(run.toString(), null, HadoopConfigurations.create());

        Path report = run.resolve("report");
        long total = 0;
        try (Stream<Path> files = Files.list(report)) {
            for (Path f : files.toList()) {
                total += Files.size(f);
            }
        }
        assertTrue(total < 4_000_000, "report of " + EVALUATIONS + " evaluations: " + total + " bytes");
        String html = Files.readString(report.resolve(RunReport.INDEX));
        assertTrue(html.contains("The " + EVALUATIONS + " evaluations are drawn as their density"), "density caption");
        assertTrue(html.contains("3 points on the front"), "the front is drawn point by point");
        String svg = Files.readString(report.resolve("pareto-search.svg"));
        assertTrue(svg.length() < 1_500_000, svg.length() + " characters of SVG");
        assertTrue(written.notes().stream().noneMatch(n -> n.contains("results.csv")), written.notes().toString());
    }

    /** Appends synthetic evaluations, every one worse than the table's front on both objectives. */
    private static void grow(Path results) throws Exception {
        List<Map<String, String>> rows = Csv.read(Files.readString(results));
        List<String> columns = new ArrayList<>(rows.get(0).keySet());
        SplittableRandom random = new SplittableRandom(5);
        try (Writer out = Files.newBufferedWriter(results, StandardCharsets.UTF_8);
             SequenceWriter csv = Csv.open(columns, out)) {
            for (Map<String, String> row : rows) {
                csv.write(columns.stream().map(row::get).toArray());
            }
            Map<String, String> template = rows.get(0);
            for (int i = rows.size(); i < EVALUATIONS; i++) {
                Object[] cells = columns.stream().map(template::get).toArray();
                set(columns, cells, "candidate_id", Integer.toString(i));
                set(columns, cells, "fingerprint", Long.toHexString(random.nextLong()));
                // a blob of evaluations below 0.84 and above 61 s, denser towards the middle
                double a = 0.5 + 0.17 * (random.nextDouble() + random.nextDouble());
                set(columns, cells, "val_accuracy", Double.toString(a));
                set(columns, cells, "train_time_s", Double.toString(62 + 160 * (random.nextDouble() + random.nextDouble())));
                csv.write(cells);
            }
        }
    }

    private static void set(List<String> columns, Object[] cells, String column, String value) {
        cells[columns.indexOf(column)] = value;
    }
}
