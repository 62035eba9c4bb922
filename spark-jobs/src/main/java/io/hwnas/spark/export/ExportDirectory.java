package io.hwnas.spark.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * An export directory on the local file system, written under a hidden {@code .<name>.inprogress}
 * sibling and renamed when complete, so a directory under the export's name is never half-written.
 * Local only: model files go to the machine that deploys them, and java.nio keeps Hadoop's
 * {@code .crc} side files out of what the user ships.
 */
final class ExportDirectory {
    private final Path staging;
    private final Path target;

    private ExportDirectory(Path staging, Path target) {
        this.staging = staging;
        this.target = target;
    }

    /** Starts a fresh staging directory for {@code target} (a stale one from a failed export is removed). */
    static ExportDirectory create(Path target) {
        Path absolute = target.toAbsolutePath().normalize();
        Path staging = absolute.resolveSibling("." + absolute.getFileName() + ".inprogress");
        try {
            deleteTree(staging);
            Files.createDirectories(staging);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the export directory " + staging, e);
        }
        return new ExportDirectory(staging, absolute);
    }

    Path target() {
        return target;
    }

    void writeText(String name, String text) {
        try {
            Files.writeString(staging.resolve(name), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + staging.resolve(name), e);
        }
    }

    void writeBytes(String name, byte[] bytes) {
        try {
            Files.write(staging.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + staging.resolve(name), e);
        }
    }

    /** A binary file in the staging directory (a model); the caller closes it. */
    OutputStream create(String name) {
        try {
            return Files.newOutputStream(staging.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + staging.resolve(name), e);
        }
    }

    /**
     * Renames the staging directory to the target. An earlier export there is moved aside first,
     * put back if the rename fails, and removed once the new one is in place.
     */
    Path publish() {
        Path old = target.resolveSibling("." + target.getFileName() + ".replaced");
        try {
            deleteTree(old);
            boolean replacing = Files.exists(target);
            if (replacing) {
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (replacing) {
                    Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
                }
                throw e;
            }
            deleteTree(old);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish the export directory " + target, e);
        }
    }

    /** Removes the staging directory of an export that failed. */
    void abort() {
        try {
            deleteTree(staging);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + staging, e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
