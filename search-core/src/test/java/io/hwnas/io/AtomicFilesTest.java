package io.hwnas.io;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whole-file writes on the local Hadoop file system: replace or refuse, never a temporary file left behind. */
class AtomicFilesTest {

    @TempDir
    java.nio.file.Path tmp;

    @Test
    void replacesOrRefusesAndLeavesOnlyTheFile() throws Exception {
        FileSystem fs = FileSystem.getLocal(new Configuration());   // checksummed, as Path.getFileSystem gives
        Path file = new Path(tmp.toUri().toString(), "record.json");
        try (var out = fs.create(file)) {   // an earlier write with its .crc sibling
            out.write(bytes("zero"));
        }
        assertThrows(IOException.class, () -> AtomicFiles.write(fs, file, bytes("one"), false));
        AtomicFiles.write(fs, file, bytes("two"), true);
        try (var in = fs.open(file)) {   // read back through the checksummed view: no stale checksum
            assertEquals("two", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        try (var names = Files.list(tmp)) {
            assertEquals(List.of("record.json"), names.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void concurrentWritersOfOneFileEachLeaveAWholeFile() throws Exception {
        FileSystem fs = FileSystem.getLocal(new Configuration()).getRaw();
        Path file = new Path(tmp.toUri().toString(), "front.csv");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String text = ("writer " + i + "\n").repeat(2000);
                writes.add(pool.submit(() -> {
                    AtomicFiles.write(fs, file, bytes(text), true);
                    return null;
                }));
            }
            for (Future<?> w : writes) {
                w.get();
            }
        } finally {
            pool.shutdown();
        }
        List<String> lines = Files.readAllLines(tmp.resolve("front.csv"));
        assertEquals(2000, lines.size());
        assertTrue(lines.stream().allMatch(lines.get(0)::equals), "one writer's whole file, not a mix");
        try (var names = Files.list(tmp)) {
            assertEquals(List.of("front.csv"), names.map(p -> p.getFileName().toString()).toList());
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
