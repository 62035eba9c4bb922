package io.hwnas.io;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Whole-file writes on any Hadoop file system, local files included: a temporary sibling with a name unique to the
 * writer, then one rename that replaces, so readers see the old content or all of the new, and concurrent writers
 * of one file never share or delete each other's temporary file; on S3A, where an upload is already all or nothing,
 * straight to the name. Files get the file system's ordinary permissions.
 */
public final class AtomicFiles {

    /** What is written into the file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Writes {@code bytes} to {@code file} so readers see all of it under its name or nothing.
     *
     * @param replace whether an existing file may be replaced (append-only records pass false)
     */
    public static void write(FileSystem fs, Path file, byte[] bytes, boolean replace) throws IOException {
        write(fs, file, out -> out.write(bytes), replace);
    }

    public static void write(FileSystem fileSystem, Path file, Content content, boolean replace) throws IOException {
        // locally without .crc siblings: the rename below moves one file, and a whole-file write needs no checksum
        FileSystem fs = fileSystem instanceof LocalFileSystem local ? local.getRaw() : fileSystem;
        if (!replace && fs.exists(file)) {
            throw new IOException(file + " already exists and is not replaced");
        }
        if (publishesOnClose(fs)) {
            FSDataOutputStream out = fs.create(file, replace);
            try {
                content.writeTo(out);
            } catch (IOException | RuntimeException e) {
                out.abort(); // closing would upload what was written so far
                throw e;
            }
            out.close();
            return;
        }
        Path tmp = new Path(file.getParent(), "." + file.getName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (FSDataOutputStream out = fs.create(tmp, false)) {
                // content may close what it is given (a CSV writer does): flushed, it stays open for the sync
                content.writeTo(new FilterOutputStream(out) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                    }

                    @Override
                    public void close() throws IOException {
                        flush();
                    }
                });
                out.hsync();
            }
            rename(fs, tmp, file, replace);
        } finally {
            fs.delete(tmp, false);   // false when the rename took it: one call, not an existence check first
        }
    }

    /**
     * An object store that makes a file visible only when its stream closes, all of it in one step (S3A uploads it
     * then): the write is already atomic, while a rename would be a copy and a delete, and S3A refuses to rename
     * onto an existing file.
     */
    private static boolean publishesOnClose(FileSystem fs) {
        return "s3a".equals(fs.getUri().getScheme());
    }

    /** A local file, replaced if it exists; its directory is created. */
    public static void write(java.nio.file.Path file, Content content) {
        try {
            java.nio.file.Path absolute = file.toAbsolutePath();
            Files.createDirectories(absolute.getParent());
            write(LocalFs.RAW, new Path(absolute.toUri()), content, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public static void writeString(java.nio.file.Path file, CharSequence text) {
        write(file, out -> out.write(text.toString().getBytes(StandardCharsets.UTF_8)));
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

    /** The raw local file system, made once (a Hadoop Configuration reads its resources when created). */
    private static final class LocalFs {
        static final FileSystem RAW;

        static {
            try {
                RAW = FileSystem.getLocal(new Configuration()).getRaw();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
