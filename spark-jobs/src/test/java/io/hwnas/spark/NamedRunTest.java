package io.hwnas.spark;

import io.hwnas.data.FashionMnist;
import io.hwnas.io.BadInputException;
import io.hwnas.io.HadoopConfigurations;
import io.hwnas.spark.config.Redaction;
import io.hwnas.spark.config.SweepConfigLoader;
import io.hwnas.spark.config.SweepPlan;
import io.hwnas.spark.journal.JournalHeader;
import io.hwnas.spark.journal.RunJournal;
import io.hwnas.spark.store.RunDirectory;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** What {@code sweep --run-id} finds under its output root, on real run directories. */
class NamedRunTest {
    private static final Configuration HADOOP = HadoopConfigurations.create();

    @TempDir
    Path dir;
    private Path runs;
    private String text;
    private SweepPlan plan;

    @BeforeEach
    void config() {
        assumeTrue(Files.isDirectory(Path.of(FashionMnist.DEFAULT_DIRECTORY)), "Fashion-MNIST not installed");
        runs = dir.resolve("runs");
        text = config(11);
        plan = SweepConfigLoader.plan(text, dir.resolve("sweep.yaml").toString());
    }

    private String config(long seed) {
        return SmallSweeps.config("named", seed, 4, """
                data: {trainSamples: 300, validationSamples: 200}
                devices: [ethos-u55-128]
                output: %s
                """.formatted(runs));
    }

    @Test
    void nothingUnderTheIdIsANewRun() {
        assertEquals(new NamedRun.Fresh("night-1"), NamedRun.find(plan, text, "night-1", HADOOP));
    }

    @Test
    void aDirectoryLeftBeforeItsJournalIsANewRun() throws Exception {
        Files.createDirectories(runs.resolve(RunDirectory.stagingName("night-1")));
        assertEquals(new NamedRun.Fresh("night-1"), NamedRun.find(plan, text, "night-1", HADOOP));
    }

    @Test
    void theSameConfigsInterruptedRunIsResumed() throws Exception {
        journal(runs.resolve(RunDirectory.stagingName("night-1")), "night-1", text);
        NamedRun found = NamedRun.find(plan, text, "night-1", HADOOP);
        SweepJob.Interrupted run = assertInstanceOf(NamedRun.Interrupted.class, found).run();
        assertEquals("night-1", run.header().runId());
        assertEquals(text, run.configText());
    }

    @Test
    void anInterruptedRunWhoseJournalRedactedASecretIsItsOwn() throws Exception {
        String secret = text + "spark: {spark.hadoop.fs.s3a.secret.key: hunter2}\n";
        SweepPlan secretPlan = SweepConfigLoader.plan(secret, dir.resolve("sweep.yaml").toString());
        String journaled = Redaction.beforeSession(secretPlan.config().spark()).text(secret);
        assertFalse(journaled.contains("hunter2"), journaled);
        journal(runs.resolve(RunDirectory.stagingName("night-1")), "night-1", journaled);
        assertInstanceOf(NamedRun.Interrupted.class, NamedRun.find(secretPlan, secret, "night-1", HADOOP));
    }

    @Test
    void anotherConfigsInterruptedRunIsRefusedInOneLine() throws Exception {
        journal(runs.resolve(RunDirectory.stagingName("night-1")), "night-1", config(12));
        BadInputException e = assertThrows(BadInputException.class, () -> NamedRun.find(plan, text, "night-1", HADOOP));
        assertTrue(e.getMessage().startsWith("option '--run-id' = 'night-1': ") && e.getMessage().contains("another config")
                && e.getMessage().contains("hwnas resume") && !e.getMessage().contains("\n"), e.getMessage());
        // nor may a run started without --run-id wipe it
        IllegalStateException wipe = assertThrows(IllegalStateException.class,
                () -> RunDirectory.create(runs.toString(), "night-1", HADOOP));
        assertTrue(wipe.getMessage().contains("journal"), wipe.getMessage());
        assertTrue(Files.exists(runs.resolve(RunDirectory.stagingName("night-1")).resolve("journal.json")));
    }

    @Test
    void theSameConfigsCompleteRunIsLeftAsItIs() throws Exception {
        Path published = runs.resolve("night-1");
        journal(published, "night-1", text);
        Files.writeString(published.resolve("run.json"), "{}");
        NamedRun found = NamedRun.find(plan, text, "night-1", HADOOP);
        assertEquals(published, Path.of(assertInstanceOf(NamedRun.Complete.class, found).directory().getPath()));
    }

    @Test
    void anotherConfigsCompleteRunOrAnyOtherDirectoryIsRefused() throws Exception {
        Path published = runs.resolve("night-1");
        journal(published, "night-1", config(12));
        Files.writeString(published.resolve("run.json"), "{}");
        assertTrue(assertThrows(BadInputException.class, () -> NamedRun.find(plan, text, "night-1", HADOOP))
                .getMessage().contains("is a complete run of another config"));
        Files.createDirectories(runs.resolve("photos"));
        assertTrue(assertThrows(BadInputException.class, () -> NamedRun.find(plan, text, "photos", HADOOP))
                .getMessage().contains("exists and is no sweep's run"));
    }

    @Test
    void anIdThatIsNoDirectoryNameIsRefused() {
        for (String id : new String[] {"", ".hidden", "a/b", "..", "night 1"}) {
            BadInputException e = assertThrows(BadInputException.class, () -> NamedRun.find(plan, text, id, HADOOP));
            assertTrue(e.getMessage().startsWith("option '--run-id' = '" + id + "': a run id is"), e.getMessage());
        }
    }

    private void journal(Path runDirectory, String runId, String configText) throws Exception {
        Files.createDirectories(runDirectory);
        FileSystem fs = FileSystem.getLocal(HADOOP);
        new RunJournal(fs, new org.apache.hadoop.fs.Path(runDirectory.toUri())).start(new JournalHeader(
                JournalHeader.FORMAT, runId, "sweep.yaml", "2030-01-01T00:00:00Z", "context", "test"), configText);
    }
}
