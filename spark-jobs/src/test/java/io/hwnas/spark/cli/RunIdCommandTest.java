package io.hwnas.spark.cli;

import io.hwnas.spark.SmallSweeps;
import io.hwnas.spark.store.RunLease;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code sweep --run-id}: a run another driver is running now is refused; once it is released, it runs. */
class RunIdCommandTest {

    @TempDir
    Path dir;

    @Test
    void aRunAnotherDriverIsRunningIsRefusedInOneLineAndRunsOnceReleased() throws Exception {
        Path config = SmallSweeps.tabular(dir, "busy", "");
        Path runs = dir.resolve("runs");
        String[] args = {"sweep", "--master", "local[1]", config.toString(), "--run-id", "night-1"};
        try (RunLease held = RunLease.acquire(runs.toString(), "night-1", new Configuration(),
                RunLease.Timing.STANDARD)) {
            CostCommandsTest.Run refused = CostCommandsTest.run(args);
            String err = refused.err().strip();
            assertEquals(HwnasCli.BAD_INPUT, refused.code(), err);
            assertEquals(1, err.lines().count(), err);
            assertTrue(err.startsWith("hwnas: run 'night-1': another driver is running it now (held by "), err);
            assertEquals(List.of(".night-1.lease"), names(runs), "nothing but the holder's lease is written");
        }
        assertEquals(0, CostCommandsTest.run(args).code());
        assertEquals(List.of("night-1"), names(runs), "the run, and no lease left behind");
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
