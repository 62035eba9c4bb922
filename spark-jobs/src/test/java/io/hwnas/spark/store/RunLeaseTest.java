package io.hwnas.spark.store;

import io.hwnas.io.BadInputException;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunLeaseTest {
    private static final Configuration HADOOP = new Configuration();
    private static final RunLease.Timing QUICK = new RunLease.Timing(Duration.ofMillis(100), Duration.ofMillis(1500));

    @TempDir
    Path root;

    private Path file() {
        return root.resolve(".night-1.lease");
    }

    @Test
    void aLeaseIsRenewedWhileHeldAndRemovedWhenReleased() throws Exception {
        try (RunLease ignored = RunLease.acquire(root.toString(), "night-1", HADOOP, QUICK)) {
            String first = Files.readString(file());
            Thread.sleep(450);
            assertNotEquals(first, Files.readString(file()), "the holder rewrites its lease");
        }
        assertFalse(Files.exists(file()));
    }

    @Test
    void aLiveHoldersRunIsRefusedInOneLine() {
        try (RunLease ignored = RunLease.acquire(root.toString(), "night-1", HADOOP, QUICK)) {
            BadInputException e = assertThrows(BadInputException.class,
                    () -> RunLease.acquire(root.toString(), "night-1", HADOOP, QUICK));
            assertTrue(e.getMessage().startsWith("run 'night-1': another driver is running it now (held by "),
                    e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @Test
    void aDeadHoldersLeaseIsTakenOverAfterTheWatch() throws Exception {
        Files.writeString(file(), "gone-host/123 token 7\n");
        long start = System.nanoTime();
        try (RunLease ignored = RunLease.acquire(root.toString(), "night-1", HADOOP, QUICK)) {
            assertTrue(System.nanoTime() - start >= QUICK.watchFor().toNanos(), "the finder watched first");
            assertFalse(Files.readString(file()).startsWith("gone-host/123 "), "the lease is the new driver's");
        }
        assertFalse(Files.exists(file()));
    }

    @Test
    void anotherRunsLeaseIsNoConcernAndALeaseTakenOverIsNotRemovedByItsFormerHolder() throws Exception {
        try (RunLease other = RunLease.acquire(root.toString(), "night-2", HADOOP, QUICK);
             RunLease mine = RunLease.acquire(root.toString(), "night-1", HADOOP, QUICK)) {
            assertTrue(Files.exists(root.resolve(".night-2.lease")));
        }
        RunLease stalled = RunLease.acquire(root.toString(), "night-1", HADOOP, QUICK);
        Files.writeString(file(), "other-host/9 token 1\n"); // as a driver that took it over would
        stalled.close();
        assertEquals("other-host/9 token 1\n", Files.readString(file()));
    }

    @Test
    void timingsThatCannotSeeARenewalAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new RunLease.Timing(Duration.ofSeconds(2), Duration.ofSeconds(5)));
    }
}
