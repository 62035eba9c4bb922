import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.apache.spark.sql.functions.col;

/**
 * Reads a run's {@code results.parquet} with Spark and prints three views of it: the candidates per
 * status, the successful ones by the task's quality (Dataset API) and, per device, the best quality in each of
 * four equal-width FPS ranges (Spark SQL). The quality column is the one hwnas's {@code Task.qualityColumn()}
 * names: {@code psnr} when run.json's config has {@code task.type: super-resolution}, {@code map50} for
 * {@code detection}, else {@code accuracy}. The
 * results notebook runs it; it works the same on any run directory. Java 17's source launcher compiles and runs it
 * in one step, with Spark from the Maven build:
 *
 * <pre>
 * ADD_OPENS=$(sed -n 's:.*&lt;hwnas.addOpens&gt;\(.*\)&lt;/hwnas.addOpens&gt;.*:\1:p' pom.xml)
 * java $ADD_OPENS -Dlog4j2.configurationFile=scripts/conf/log4j2.properties \
 *   -cp "$(cat spark-jobs/target/provided-classpath.txt)" notebooks/ReadResults.java RUN_DIR [MASTER]
 * </pre>
 *
 * RUN_DIR is a local path or a Hadoop URI; MASTER defaults to {@code local[1]}. The first output line,
 * {@code status counts: ok=N failed=M}, is meant for programs (the notebook checks it against results.csv).
 */
public final class ReadResults {
    private static final int FPS_RANGES = 4;

    private ReadResults() {
    }

    public static void main(String[] args) {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: java ... notebooks/ReadResults.java RUN_DIR [MASTER]");
            System.exit(2);
        }
        String run = args[0].replaceAll("/+$", "");
        String parquet = run + "/results.parquet";
        // a Hadoop URI is left to Spark; a local path is checked here for a one-line error instead of a stack trace
        if (!parquet.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") && !Files.isDirectory(Path.of(parquet))) {
            System.err.println("argument RUN_DIR = '" + args[0] + "' holds no results.parquet directory; "
                    + "expected a run directory written by 'hwnas sweep' or 'hwnas nightly'");
            System.exit(2);
        }
        String master = args.length > 1 ? args[1] : "local[1]";
        try (SparkSession spark = SparkSession.builder().appName("hwnas ReadResults").master(master)
                .config("spark.ui.enabled", "false")
                // a few dozen rows: one shuffle partition instead of 200 empty tasks
                .config("spark.sql.shuffle.partitions", "1")
                // results have ~30 columns; Spark's default of 25 only shortens a plan string and warns about it
                .config("spark.sql.debug.maxToStringFields", "100")
                .getOrCreate()) {
            Dataset<Row> results = spark.read().parquet(parquet);
            results.createOrReplaceTempView("results");
            printStatusCounts(spark);
            String quality = qualityColumn(spark, run);
            List<String> fpsColumns = Arrays.stream(results.columns()).filter(c -> c.startsWith("fps_")).toList();

            System.out.println("\nSuccessful candidates by " + quality + " (Dataset API):");
            List<String> shown = new ArrayList<>(List.of("candidate_id", quality, "macs"));
            shown.addAll(fpsColumns);
            shown.add("choices");
            results.filter(col("status").equalTo("ok"))
                    .orderBy(col(quality).desc(), col("candidate_id"))
                    .select(shown.stream().map(c -> col(c)).toArray(org.apache.spark.sql.Column[]::new))
                    .show(20, false);

            for (String fps : fpsColumns) {
                System.out.println("Best " + quality + " per " + fps + " range (Spark SQL):");
                spark.sql(bestPerFpsRange(fps, quality)).show(FPS_RANGES, false);
            }
        }
    }

    /** The task's quality column, from the config run.json records (runs from before tasks classified). */
    private static String qualityColumn(SparkSession spark, String run) {
        Dataset<Row> meta = spark.read().option("multiLine", true).json(run + "/run.json");
        boolean hasTask = Arrays.asList(meta.select("config.*").columns()).contains("task");
        String type = hasTask ? meta.select("config.task.type").first().getString(0) : "classification";
        return switch (type) {
            case "super-resolution" -> "psnr";
            case "detection" -> "map50";
            default -> "accuracy";
        };
    }

    private static void printStatusCounts(SparkSession spark) {
        List<Row> counts = spark.sql("SELECT status, count(*) AS n FROM results GROUP BY status ORDER BY status")
                .collectAsList();
        StringBuilder line = new StringBuilder("status counts:");
        for (String status : List.of("ok", "failed")) {
            long n = counts.stream().filter(r -> status.equals(r.getString(0))).mapToLong(r -> r.getLong(1)).sum();
            line.append(' ').append(status).append('=').append(n);
        }
        System.out.println(line);
    }

    /**
     * FPS ranges of equal width between the slowest and the fastest successful candidate on that device
     * (the upper end nudged up so the fastest falls in the last range, not in an extra one).
     */
    private static String bestPerFpsRange(String fps, String quality) {
        return """
                WITH ok AS (SELECT * FROM results WHERE status = 'ok'),
                     span AS (SELECT min(%1$s) AS lo, max(%1$s) AS hi FROM ok)
                SELECT width_bucket(%1$s, lo, hi + 1e-9 * (hi - lo + 1), %2$d) AS fps_range,
                       round(min(%1$s), 1) AS fps_from, round(max(%1$s), 1) AS fps_to,
                       count(*) AS candidates, round(max(%3$s), 4) AS best_%3$s,
                       max_by(candidate_id, %3$s) AS best_candidate
                FROM ok CROSS JOIN span
                GROUP BY 1 ORDER BY 1
                """.formatted(fps, FPS_RANGES, quality);
    }
}
