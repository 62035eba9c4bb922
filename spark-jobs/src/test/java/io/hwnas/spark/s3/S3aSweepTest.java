package io.hwnas.spark.s3;

import com.fasterxml.jackson.databind.JsonNode;
import io.hwnas.data.FashionMnist;
import io.hwnas.io.HadoopConfigurations;
import io.hwnas.io.Mappers;
import io.hwnas.spark.SmallSweeps;
import io.hwnas.spark.cli.HwnasCli;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.VersionInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Sweeps on S3 for real: s3rver, an S3 emulator, runs on a loopback port; Fashion-MNIST is uploaded to a bucket
 * through S3A, a sweep reads {@code data.path} from {@code s3a://} and publishes its run there, and a second sweep
 * reuses the first one's evaluations from {@code --reuse s3a://...}. The S3A settings are given as
 * {@code spark.hadoop.*} system properties, which is how spark-submit hands {@code --conf} to a driver.
 */
@Tag("external")
class S3aSweepTest {
    private static final java.nio.file.Path DATASET = java.nio.file.Path.of(FashionMnist.DEFAULT_DIRECTORY);
    private static final String BUCKET = "hwnas-s3a-test";
    /** a bucket the server knows nothing of, pointed at it like the real one */
    private static final String MISSING_BUCKET = "hwnas-no-such-bucket";
    private static final List<String> SET = new ArrayList<>();

    @TempDir
    static java.nio.file.Path tmp;
    private static S3Emulator s3;
    private static FileSystem fs;

    @BeforeAll
    static void startS3() throws Exception {
        assumeTrue(Files.isDirectory(DATASET), "Fashion-MNIST not installed");
        s3 = S3Emulator.start(Files.createDirectories(tmp.resolve("s3")), List.of(BUCKET));
        for (String bucket : List.of(BUCKET, MISSING_BUCKET)) {
            s3.s3aSettings(bucket).forEach((k, v) -> set("spark.hadoop." + k, v));
        }
        fs = FileSystem.newInstance(URI.create("s3a://" + BUCKET + "/"), HadoopConfigurations.create());
        Path data = new Path("s3a://" + BUCKET + "/datasets/fashion-mnist");
        for (String name : List.of(FashionMnist.TRAIN_IMAGES, FashionMnist.TRAIN_LABELS)) {
            fs.copyFromLocalFile(new Path(DATASET.resolve(name + ".gz").toUri()), new Path(data, name + ".gz"));
        }
    }

    private static void set(String key, String value) {
        System.setProperty(key, value);
        SET.add(key);
    }

    @AfterAll
    static void stopS3() throws Exception {
        SET.forEach(System::clearProperty);
        if (fs != null) {
            fs.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    private static java.nio.file.Path config(String name, String output) throws IOException {
        return Files.writeString(tmp.resolve(name + ".yaml"), SmallSweeps.config("s3a", 5, 3, """
                data: {path: s3a://%s/datasets/fashion-mnist, trainSamples: 300, validationSamples: 200}
                training: {epochs: 1, batchSize: 32, learningRate: 0.003}
                devices: [host-cpu]
                output: %s
                """.formatted(BUCKET, output)));
    }

    @Test
    void aSweepReadsItsDataFromS3PublishesItsRunThereAndASecondSweepReusesIt() throws Exception {
        String output = "s3a://" + BUCKET + "/runs";
        assertEquals(0, HwnasCli.execute("sweep", "--master", "local[2]", config("first", output).toString()));

        FileStatus[] runs = fs.listStatus(new Path(output));
        assertEquals(1, runs.length, "the published run only, no .inprogress left: " + Arrays.toString(runs));
        Path run = runs[0].getPath();
        assertTrue(run.getName().startsWith("s3a-") && run.getName().endsWith("-s5"), run.toString());
        for (String f : List.of("results.csv", "results.parquet/_SUCCESS", "run.json", "pareto-search.csv",
                "journal.json", "batches/batch-00000.json", "report/index.html")) {
            assertTrue(fs.exists(new Path(run, f)), f + " in " + run);
        }
        assertTrue(Arrays.stream(fs.listStatus(new Path(run, "results.parquet")))
                .anyMatch(s -> s.getPath().getName().endsWith(".parquet") && s.getLen() > 0), "a parquet part");
        JsonNode first = json(new Path(run, "run.json"));
        assertEquals(3, first.get("counts").get("ok").asInt(), first.get("counts").toString());
        assertEquals(3, first.get("counts").get("evaluated_now").asInt(), first.get("counts").toString());
        assertEquals("s3a://" + BUCKET + "/datasets/fashion-mnist", first.get("config").get("data").get("path").asText());
        assertEquals(3, csvRows(new Path(run, "results.csv")));

        String again = "s3a://" + BUCKET + "/runs-again";
        assertEquals(0, HwnasCli.execute("sweep", "--master", "local[2]", "--reuse", output,
                config("again", again).toString()));
        FileStatus[] reused = fs.listStatus(new Path(again));
        assertEquals(1, reused.length, Arrays.toString(reused));
        JsonNode counts = json(new Path(reused[0].getPath(), "run.json")).get("counts");
        assertEquals(3, counts.get("reused_from_earlier_runs").asInt(), counts.toString());
        assertEquals(0, counts.get("evaluated_now").asInt(), counts.toString());
    }

    @Test
    void aMissingBucketOrConnectorIsOneLineBeforeSparkStarts() throws Exception {
        String data = "s3a://" + BUCKET + "/datasets/fashion-mnist";
        Refusal bucket = refusal("sweep", config("bucket", "s3a://" + MISSING_BUCKET + "/runs").toString());
        assertTrue(bucket.line().contains("field 'output' = 's3a://" + MISSING_BUCKET + "/runs': bucket '"
                + MISSING_BUCKET + "' does not exist; check the bucket, fs.s3a.endpoint"), bucket.line());

        Refusal noData = refusal("sweep", Files.writeString(tmp.resolve("nodata.yaml"), Files.readString(
                config("nodata", "s3a://" + BUCKET + "/never")).replace(data, data + "-missing")).toString());
        assertTrue(noData.line().contains("field 'data.path' = '" + data + "-missing': no such directory; point it at"),
                noData.line());

        Refusal reuse = refusal("sweep", "--reuse", "s3a://" + BUCKET + "/no-runs",
                config("reuse", "s3a://" + BUCKET + "/never").toString());
        assertTrue(reuse.line().contains("option '--reuse' = 's3a://" + BUCKET + "/no-runs': no such directory; "),
                reuse.line());
        assertFalse(fs.exists(new Path("s3a://" + BUCKET + "/never")), "nothing written");

        // what a JVM without hadoop-aws sees: no class for the scheme
        set("spark.hadoop.fs.s3a.impl", "org.apache.hadoop.fs.s3a.NotOnThisClasspath");
        try {
            Refusal connector = refusal("nightly", "--root", "s3a://" + BUCKET + "/nightly",
                    config("connector", "runs").toString());
            assertTrue(connector.line().contains("option '--root' = 's3a://" + BUCKET + "/nightly': no Hadoop "
                    + "FileSystem for scheme 's3a'; add hadoop-aws " + VersionInfo.getVersion()), connector.line());
            assertTrue(connector.line().contains("spark-submit --packages org.apache.hadoop:hadoop-aws:" + VersionInfo.getVersion()),
                    connector.line());
            assertTrue(connector.line().contains("HWNAS_EXTRA_CLASSPATH="), connector.line());
        } finally {
            System.clearProperty("spark.hadoop.fs.s3a.impl");
        }
    }

    private record Refusal(String line) {
    }

    /** Runs the CLI as a user would and returns its one line on stderr; exit code 2 is asserted. */
    private static Refusal refusal(String... args) {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            code = HwnasCli.execute(args);
        } finally {
            System.setErr(original);
        }
        String text = err.toString(StandardCharsets.UTF_8);
        List<String> lines = text.lines().filter(l -> l.startsWith("hwnas: ")).toList();
        assertEquals(HwnasCli.BAD_INPUT, code, text);
        assertEquals(1, lines.size(), text);
        return new Refusal(lines.get(0));
    }

    private static JsonNode json(Path file) throws IOException {
        try (InputStream in = fs.open(file)) {
            return Mappers.json().readTree(in);
        }
    }

    private static long csvRows(Path file) throws IOException {
        try (InputStream in = fs.open(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().count() - 1;
        }
    }
}
