package io.hwnas.spark.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.hwnas.spark.cli.PublishedRuns.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code hwnas report} on what is not a complete sweep run (exit 2, one line), on an unknown device,
 * and on a run that has only run.json and a search front: the page is written and says what is
 * missing. Runs are made by hand, so no sweep has to run (RunReportTest reports a real one).
 */
class ReportCommandTest {

    @TempDir
    Path tmp;

    private static final String CONFIG = PublishedRuns.CONFIG.replace("NAME", "partial");

    private Path partialRun(String configText) throws Exception {
        return PublishedRuns.withBaselineFront(tmp, "partial-20260101-000000-s3", configText);
    }

    @Test
    void refusesWhatIsNotACompletedSweepRun() throws Exception {
        assertRefused(CostCommandsTest.run("report", tmp.resolve("nowhere").toString()), "nowhere", "does not exist");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertRefused(CostCommandsTest.run("report", empty.toString()), "no run.json", "not a completed run");
        Path staging = Files.createDirectories(tmp.resolve(".partial-1.inprogress"));
        assertRefused(CostCommandsTest.run("report", staging.toString()), "did not finish");
        assertFalse(Files.exists(empty.resolve("report")), "nothing written into a directory that is not a run");
    }

    @Test
    void refusesADeviceTheRunDoesNotHaveNamingItsDevices() throws Exception {
        Path run = partialRun(CONFIG);
        assertRefused(CostCommandsTest.run("report", run.toString(), "--device", "cortex-m7"),
                "option '--device' = 'cortex-m7'", "its devices: host-cpu");
        assertFalse(Files.exists(run.resolve("report")));
    }

    @Test
    void aRunMissingFilesStillGetsAPageThatSaysWhatIsMissing() throws Exception {
        Path run = partialRun(CONFIG);
        CostCommandsTest.Run r = CostCommandsTest.run("report", run.toString());
        assertEquals(0, r.code(), r.err());
        Path index = run.resolve("report").resolve("index.html");
        assertTrue(r.out().contains(index.toString()), r.out());
        String html = Files.readString(index);
        assertTrue(html.contains("No hypervolume.csv"), "names the missing file");
        assertTrue(html.contains("No accuracy-vs-FPS or accuracy-vs-MACs plots"), "no device fronts");
        // the front member still maps back to its network, so its per-layer costs are there
        assertTrue(html.contains("id=\"layers-1\"") && html.contains("sum of layers"), "per-layer table of candidate 1");
    }

    @Test
    void aConfigThatNoLongerParsesLeavesANoteNotACrash() throws Exception {
        Path run = partialRun(CONFIG.replace("type: activation", "type: no-such-space"));
        CostCommandsTest.Run r = CostCommandsTest.run("report", run.toString());
        assertEquals(0, r.code(), r.err());
        String html = Files.readString(run.resolve("report").resolve("index.html"));
        assertTrue(html.contains("config no longer parses"), "says why there are no per-layer costs");
        assertTrue(html.contains("data-candidate=\"1\""), "the front table is still there");
    }
}
