package io.hwnas.spark.store;

import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;

/** Whole-file writes on any Hadoop file system: a temporary sibling, then a rename. */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /**
     * Writes {@code bytes} to {@code file} so readers see all of it under its name or nothing.
     *
     * @param replace whether an existing file may be replaced (append-only records pass false)
     */
    public static void write(FileSystem fs, Path file, byte[] bytes, boolean replace) throws IOException {
        if (!replace && fs.exists(file)) {
            throw new IOException(file + " already exists and is not replaced");
        }
        Path tmp = new Path(file.getParent(), "." + file.getName() + ".tmp");
        try (FSDataOutputStream out = fs.create(tmp, true)) {
            out.write(bytes);
            out.hsync();
        }
        if (replace && fs.exists(file)) {
            fs.delete(file, false);
        }
        if (!fs.rename(tmp, file)) {
            throw new IOException("rename " + tmp + " -> " + file + " failed");
        }
    }
}
