package io.hwnas.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.hwnas.data.FashionMnist;
import io.hwnas.io.Mappers;
import io.hwnas.spark.cli.HwnasCli;
import io.hwnas.spark.config.ConfigException;
import io.hwnas.spark.config.SweepConfigLoader;
import io.hwnas.spark.config.SweepPlan;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real sweep against a real, in-process HDFS (MiniDFSCluster, one datanode, under the build
 * directory): Fashion-MNIST is read from {@code hdfs://} and the run directory is written there, on
 * local[2] Spark with the session {@link Sessions} makes.
 */
@Tag("external") // starts an in-process HDFS cluster: left out of `mvn test`, run by scripts/test
class HdfsSweepTest {
    private static final Path DATASET = Path.of(FashionMnist.DEFAULT_DIRECTORY);
    private static MiniDFSCluster cluster;
    private static FileSystem hdfs;
    private static String root;

    @BeforeAll
    static void startHdfs() throws Exception {
        assumeTrue(Files.isDirectory(DATASET), "Fashion-MNIST not installed");
        Configuration conf = new Configuration();
        // the cluster's name and data directories go under target/, not the working directory
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, buildDirectory().resolve("minidfs-" + ProcessHandle.current().pid())
                .toAbsolutePath().toString());
        conf.setInt("dfs.replication", 1);
        cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).format(true).build();
        cluster.waitActive();
        hdfs = cluster.getFileSystem();
        root = hdfs.getUri().toString();
        org.apache.hadoop.fs.Path data = new org.apache.hadoop.fs.Path(root + "/datasets/fashion-mnist");
        for (String name : List.of(FashionMnist.TRAIN_IMAGES, FashionMnist.TRAIN_LABELS, FashionMnist.TEST_IMAGES,
                FashionMnist.TEST_LABELS)) {
            hdfs.copyFromLocalFile(new org.apache.hadoop.fs.Path(DATASET.resolve(name + ".gz").toUri()),
                    new org.apache.hadoop.fs.Path(data, name + ".gz"));
        }
    }

    @AfterAll
    static void stopHdfs() {
        if (cluster != null) {
            cluster.shutdown(true);
        }
    }

    private static Path buildDirectory() throws URISyntaxException {
        // target/test-classes -> target (or whatever hwnas.buildDir names)
        return Path.of(HdfsSweepTest.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
    }

    private static String config(String dataPath, String output) {
        return SmallSweeps.config("hdfs", 11, 3, """
                data: {path: %s, trainSamples: 300, validationSamples: 200}
                training: {epochs: 1, batchSize: 32, learningRate: 0.003}
                devices: [host-cpu, ethos-u55-128]
                output: %s
                """.formatted(dataPath, output));
    }

    @Test
    void sweepReadsDataFromHdfsAndPublishesTheRunThere(@TempDir Path tmp) throws Exception {
        String data = root + "/datasets/fashion-mnist";
        String output = root + "/runs";
        String text = config(data, output);
        SweepPlan plan = SweepConfigLoader.plan(text, "hdfs.yaml");

        // the session the CLI's sweep command makes, kept open to read results.parquet back
        try (SparkSession spark = Sessions.create("hwnas-hdfs", "local[2]")) {
            SweepJob.Outcome outcome = SweepJob.run(spark, plan, "hdfs.yaml", text);
            assertTrue(outcome.runDirectory().toString().startsWith(output + "/"), outcome.runDirectory().toString());

            FileStatus[] runs = hdfs.listStatus(new org.apache.hadoop.fs.Path(output));
            assertEquals(1, runs.length, "exactly the published run, no .inprogress staging left: "
                    + Arrays.toString(runs));
            org.apache.hadoop.fs.Path run = runs[0].getPath();
            assertEquals(outcome.runDirectory().toString(), run.toString());
            assertTrue(runs[0].isDirectory() && run.getName().startsWith("hdfs-") && run.getName().endsWith("-s11"),
                    run.toString());
            for (String f : List.of("results.csv", "run.json", "pareto-host-cpu.csv", "pareto-ethos-u55-128.csv",
                    "pareto-macs.csv", "pareto-search.csv", "hypervolume.csv", "results.parquet/_SUCCESS",
                    "report/index.html", "report/pareto-host-cpu.png", "report/hypervolume.svg", "report/report.json")) {
                assertTrue(hdfs.exists(new org.apache.hadoop.fs.Path(run, f)), f + " in " + run);
            }

            List<Map<String, String>> rows = readCsv(new org.apache.hadoop.fs.Path(run, "results.csv"));
            assertEquals(3, rows.size());
            for (Map<String, String> r : rows) {
                assertEquals("ok", r.get("status"), r.get("error"));
                double accuracy = Double.parseDouble(r.get("accuracy"));
                assertTrue(accuracy > 0 && accuracy <= 1, "accuracy " + accuracy);
                assertEquals("300", r.get("train_samples"));
                assertTrue(Long.parseLong(r.get("macs")) > 0);
            }

            JsonNode provenance;
            try (InputStream in = hdfs.open(new org.apache.hadoop.fs.Path(run, "run.json"))) {
                provenance = Mappers.json().readTree(in);
            }
            assertEquals(3, provenance.get("counts").get("ok").asLong());
            assertEquals(data, provenance.get("config").get("data").get("path").asText());
            assertEquals(output, provenance.get("config").get("output").asText());

            Dataset<Row> parquet = spark.read().parquet(run + "/results.parquet");
            assertEquals(3, parquet.count());
            assertEquals(rows.stream().map(r -> r.get("fingerprint")).sorted().toList(),
                    parquet.select("fingerprint").collectAsList().stream().map(r -> r.getString(0)).sorted().toList());
            assertTrue(hdfs.exists(new org.apache.hadoop.fs.Path(run, "batches/batch-00000.json")), "journal on HDFS");

            // the same sweep into another root, reusing the first run's journal straight from HDFS
            String again = config(data, root + "/runs-again");
            SweepJob.Outcome reused = SweepJob.run(spark, SweepConfigLoader.plan(again, "again.yaml"), "again.yaml",
                    again, List.of(output));
            JsonNode counts;
            try (InputStream in = hdfs.open(new org.apache.hadoop.fs.Path(reused.runDirectory().toString(), "run.json"))) {
                counts = Mappers.json().readTree(in).get("counts");
            }
            assertEquals(3, counts.get("reused_from_earlier_runs").asInt(), counts.toString());
            assertEquals(0, counts.get("evaluated_now").asInt(), counts.toString());
        }
    }

    @Test
    void aMissingHdfsDataDirectoryIsNamedBeforeSparkStarts(@TempDir Path tmp) throws Exception {
        String missing = root + "/no/such/fashion-mnist";
        String output = root + "/runs-never";
        Path cfg = tmp.resolve("missing.yaml");
        Files.writeString(cfg, config(missing, output));

        ConfigException e = assertThrows(ConfigException.class, () -> SweepConfigLoader.load(cfg));
        assertTrue(e.getMessage().contains("field 'data.path' = '" + missing + "': no such directory; "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertEquals(HwnasCli.BAD_INPUT, HwnasCli.execute("sweep", "--master", "local[2]", cfg.toString()));
        assertFalse(hdfs.exists(new org.apache.hadoop.fs.Path(output)), "nothing written");
    }

    private static List<Map<String, String>> readCsv(org.apache.hadoop.fs.Path file) throws Exception {
        try (InputStream in = hdfs.open(file);
             MappingIterator<Map<String, String>> it = Mappers.csv().readerFor(Map.class)
                     .with(CsvSchema.emptySchema().withHeader()).readValues(in)) {
            return it.readAll();
        }
    }
}
