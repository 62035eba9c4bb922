package io.hwnas.spark.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hwnas.space.Choice;
import io.hwnas.space.SearchSpace;
import io.hwnas.spark.config.SweepConfig;
import io.hwnas.spark.config.YamlConfigReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code hwnas train-front} refusing bad input before Spark starts: exit code 2 and one line naming
 * the path or option, the value and what is allowed. The run directory is made by hand (run.json and
 * one front file), so no sweep has to run.
 */
class TrainFrontCommandTest {

    @TempDir
    Path tmp;

    private static final String CONFIG = """
            name: fake
            seed: 3
            candidates: 2
            space:
              type: activation
              input: {channels: 1, height: 28, width: 28}
              stages:
                - {channels: 8, convs: 1, kernel: 3, pool: max}
              head: flatten
              activations: [relu, silu]
              widthMultipliers: [1.0]
            devices: [host-cpu]
            output: runs
            """;

    /** A published run whose search front holds the space's baseline as candidate 1. */
    private Path fakeRun() throws Exception {
        Path run = Files.createDirectories(tmp.resolve("runs").resolve("fake-20260101-000000-s3"));
        ObjectMapper json = new ObjectMapper();
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("runId", run.getFileName().toString());
        provenance.put("seed", 3);
        provenance.put("configText", CONFIG);
        Files.writeString(run.resolve("run.json"), json.writeValueAsString(provenance));
        SearchSpace space = YamlConfigReader.read(CONFIG, SweepConfig.class, "test").space();
        Choice baseline = space.baseline();
        String choices = json.writeValueAsString(new TreeMap<>(space.describe(baseline)));
        Files.writeString(run.resolve("pareto-search.csv"), "candidate_id,fingerprint,choices,accuracy\n1,"
                + space.decode(baseline).fingerprint() + ",\"" + choices.replace("\"", "\"\"") + "\",0.5\n");
        return run;
    }

    private static void assertRefused(CostCommandsTest.Run r, String... fragments) {
        assertEquals(HwnasCli.BAD_INPUT, r.code(), r.out() + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        for (String f : fragments) {
            assertTrue(r.err().contains(f), "'" + f + "' missing from: " + r.err());
        }
    }

    @Test
    void refusesWhatIsNotACompletedSweepRun() throws Exception {
        assertRefused(CostCommandsTest.run("train-front", tmp.resolve("nowhere").toString()), "nowhere", "does not exist");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertRefused(CostCommandsTest.run("train-front", empty.toString()), "no run.json", "not a completed run");
        Path staging = Files.createDirectories(tmp.resolve(".fake-1.inprogress"));
        assertRefused(CostCommandsTest.run("train-front", staging.toString()), "did not finish");
    }

    @Test
    void refusesAnUnknownFrontNamingTheOnesThere() throws Exception {
        Path run = fakeRun();
        assertRefused(CostCommandsTest.run("train-front", run.toString(), "--front", "ethos-u55-128"),
                "front 'ethos-u55-128'", "pareto-ethos-u55-128.csv", "fronts there: search");
    }

    @Test
    void refusesBadOptionsAndAnExistingFinalDirectory() throws Exception {
        Path run = fakeRun();
        assertRefused(CostCommandsTest.run("train-front", run.toString(), "--epochs", "0"),
                "option '--epochs' = 0", "1..1000");
        assertRefused(CostCommandsTest.run("train-front", run.toString(), "--averaging-frequency", "0"),
                "option '--averaging-frequency' = 0");
        assertRefused(CostCommandsTest.run("train-front", run.toString(), "--candidate", "7"),
                "option '--candidate' = 7", "candidates there: [1]");
        Files.createDirectories(run.resolve("final"));
        assertRefused(CostCommandsTest.run("train-front", run.toString()), "already has a final/", "--force");
    }

    @Test
    void refusesMoreImagesThanTheFilesHold() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/usr/share/datasets/fashion-mnist")), "Fashion-MNIST not installed");
        assertRefused(CostCommandsTest.run("train-front", fakeRun().toString(), "--train-samples", "60001"),
                "option '--train-samples' = 60001", "exceeds the 60000 images");
        assertRefused(CostCommandsTest.run("train-front", fakeRun().toString(), "--data", tmp.toString()),
                "option '--data'", "dataset file not found");
    }
}
