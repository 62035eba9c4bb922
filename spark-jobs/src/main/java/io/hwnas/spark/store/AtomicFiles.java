package io.hwnas.spark.store;

import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/** Whole-file writes on any Hadoop file system: a temporary sibling, then a rename. */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /**
     * Writes {@code bytes} to {@code file} so readers see all of it under its name or nothing.
     *
     * @param replace whether an existing file may be replaced (append-only records pass false)
     */
    public static void write(FileSystem fileSystem, Path file, byte[] bytes, boolean replace) throws IOException {
        // locally without .crc siblings: the rename below moves one file, and a whole-file write needs no checksum
        FileSystem fs = fileSystem instanceof LocalFileSystem local ? local.getRaw() : fileSystem;
        if (!replace && fs.exists(file)) {
            throw new IOException(file + " already exists and is not replaced");
        }
        // unique per writer, so two writers of one file never share (or delete) each other's temporary file
        Path tmp = new Path(file.getParent(), "." + file.getName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (FSDataOutputStream out = fs.create(tmp, false)) {
                out.write(bytes);
                out.hsync();
            }
            rename(fs, tmp, file, replace);
        } finally {
            if (fs.exists(tmp)) {
                fs.delete(tmp, false);
            }
        }
    }

    /**
     * One rename that replaces, so readers never find the name missing between a delete and a rename. Hadoop's
     * overwriting rename is atomic on HDFS but a check, a delete and a rename on the local file system, where
     * concurrent writers then fail; there the JDK's atomic move replaces in one step.
     */
    private static void rename(FileSystem fs, Path from, Path to, boolean replace) throws IOException {
        if ("file".equals(fs.getUri().getScheme())) {
            java.nio.file.Path target = java.nio.file.Path.of(fs.makeQualified(to).toUri());
            java.nio.file.Path source = java.nio.file.Path.of(fs.makeQualified(from).toUri());
            if (replace) {
                Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(source, target);
            }
            // a checksum left by an earlier checksummed write would no longer match
            Files.deleteIfExists(target.resolveSibling("." + target.getFileName() + ".crc"));
            return;
        }
        FileContext.getFileContext(fs.getUri(), fs.getConf()).rename(from, to,
                replace ? Options.Rename.OVERWRITE : Options.Rename.NONE);
    }
}
