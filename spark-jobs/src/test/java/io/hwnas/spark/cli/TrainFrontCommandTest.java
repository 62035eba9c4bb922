package io.hwnas.spark.cli;

import io.hwnas.data.FashionMnist;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.hwnas.spark.cli.PublishedRuns.assertRefused;
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

    private static final String CONFIG = PublishedRuns.CONFIG.replace("NAME", "fake");

    private Path fakeRun() throws Exception {
        return PublishedRuns.withBaselineFront(tmp, "fake-20260101-000000-s3", CONFIG);
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
        assumeTrue(Files.isDirectory(Path.of(FashionMnist.DEFAULT_DIRECTORY)), "Fashion-MNIST not installed");
        assertRefused(CostCommandsTest.run("train-front", fakeRun().toString(), "--train-samples", "60001"),
                "option '--train-samples' = 60001", "exceeds the 60000 images");
        assertRefused(CostCommandsTest.run("train-front", fakeRun().toString(), "--data", tmp.toString()),
                "option '--data'", "dataset file not found");
    }
}
