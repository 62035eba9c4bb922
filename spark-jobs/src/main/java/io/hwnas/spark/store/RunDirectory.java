package io.hwnas.spark.store;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.core.JsonProcessingException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import io.hwnas.io.Mappers;
import io.hwnas.spark.journal.RunJournal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A run's output directory on any Hadoop file system. Everything is written under a hidden
 * {@code .<run-id>.inprogress} sibling and renamed to {@code <run-id>} by {@link #publish}, so a
 * directory named like a run is always complete; a failed run leaves at most the hidden one.
 * The same holds for a directory inside a run (e.g. {@code <run>/final}, written by final training).
 */
public final class RunDirectory {
    private static final ObjectWriter RUN_JSON = Mappers.prettyJson();
    private static final String INPROGRESS = ".inprogress";
    private final FileSystem fs;
    private final Path staging;
    private final Path target;
    private final boolean replace;

    private RunDirectory(FileSystem fs, Path staging, Path target, boolean replace) {
        this.fs = fs;
        this.staging = staging;
        this.target = target;
        this.replace = replace;
    }

    public static RunDirectory create(String outputRoot, String runId, Configuration conf) {
        return create(outputRoot, runId, conf, false);
    }

    /**
     * @param replace allow {@code <outputRoot>/<runId>} to exist already: it is kept until this
     *     directory is published and only then replaced, so a failure leaves the old one intact
     */
    public static RunDirectory create(String outputRoot, String runId, Configuration conf, boolean replace) {
        try {
            Path root = new Path(outputRoot);
            FileSystem fs = root.getFileSystem(conf);
            Path qualifiedRoot = fs.makeQualified(root);
            Path target = new Path(qualifiedRoot, runId);
            if (!replace && fs.exists(target)) {
                throw new IllegalStateException("run directory " + target + " already exists; refusing to overwrite it");
            }
            Path staging = new Path(qualifiedRoot, stagingName(runId));
            if (fs.exists(staging)) {
                // a run of the same id in progress, or interrupted and waiting for `hwnas resume`, is never wiped
                if (new RunJournal(fs, staging).exists()) {
                    throw new IllegalStateException("run directory " + staging + " holds the journal of a run in "
                            + "progress or interrupted; refusing to replace it");
                }
                fs.delete(staging, true);
            }
            if (!fs.mkdirs(staging)) {
                throw new IOException("cannot create " + staging);
            }
            return new RunDirectory(fs, staging, target, replace);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare output directory under " + outputRoot, e);
        }
    }

    /**
     * The directory of a run that was interrupted: {@code path} names either its hidden
     * {@code .<run-id>.inprogress} directory or the {@code <run-id>} it will be published as.
     *
     * @throws IllegalArgumentException naming the path when there is no such run or it is complete
     */
    public static RunDirectory reopen(String path, Configuration conf) {
        try {
            Path given = new Path(path);
            FileSystem fs = given.getFileSystem(conf);
            given = fs.makeQualified(given);
            String name = given.getName();
            boolean hidden = name.startsWith(".") && name.endsWith(INPROGRESS);
            String runId = hidden ? name.substring(1, name.length() - INPROGRESS.length()) : name;
            Path staging = new Path(given.getParent(), stagingName(runId));
            Path target = new Path(given.getParent(), runId);
            if (fs.exists(new Path(target, "run.json"))) {
                throw new IllegalArgumentException("run directory " + target + " is complete; there is nothing to resume");
            }
            if (!fs.exists(staging)) {
                throw new IllegalArgumentException("no interrupted run at '" + path + "' (looked for " + staging + ")");
            }
            return new RunDirectory(fs, staging, target, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open run directory " + path, e);
        }
    }

    /** Interrupted runs under {@code outputRoot} (hidden in-progress directories) whose id starts with {@code prefix}. */
    public static List<String> interrupted(String outputRoot, String prefix, Configuration conf) {
        try {
            Path root = new Path(outputRoot);
            FileSystem fs = root.getFileSystem(conf);
            if (!fs.exists(root)) {
                return List.of();
            }
            return Arrays.stream(fs.listStatus(root)).map(FileStatus::getPath)
                    .filter(p -> p.getName().startsWith("." + prefix) && p.getName().endsWith(INPROGRESS))
                    .map(Path::toString).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + outputRoot, e);
        }
    }

    /** The name of the hidden directory a run of this id is written in until it is published. */
    public static String stagingName(String runId) {
        return "." + runId + INPROGRESS;
    }

    /** The hidden directory written until {@link #publish}: what `hwnas resume` takes after an interruption. */
    public String stagingLocation() {
        return staging.toString();
    }

    public String runId() {
        return target.getName();
    }

    /** The run's append-only record, kept in the directory while it runs (see {@link RunJournal}). */
    public RunJournal journal() {
        return new RunJournal(fs, staging);
    }

    /** Where a file goes while the run is in progress (pass this to Spark writers). */
    public String stagingPath(String name) {
        return new Path(staging, name).toString();
    }

    /** The directory the run will have once committed. */
    public URI target() {
        return target.toUri();
    }

    public void writeText(String name, String content) {
        Path file = new Path(staging, name);
        try (FSDataOutputStream out = fs.create(file, true)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Opens a (binary) file in the staging directory, e.g. a model; the caller closes it. */
    public OutputStream create(String name) {
        Path file = new Path(staging, name);
        try {
            return fs.create(file, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file, e);
        }
    }

    /**
     * Writes {@code run.json} last (the provenance, indented JSON) and publishes the directory, so a
     * run directory with a run.json is always complete.
     */
    public URI publish(Object provenance) {
        return publish("run.json", provenance);
    }

    /** Like {@link #publish(Object)} with the provenance in {@code provenanceFile}. */
    public URI publish(String provenanceFile, Object provenance) {
        try {
            writeText(provenanceFile, RUN_JSON.writeValueAsString(provenance));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write " + provenanceFile + ": " + e.getMessage(), e);
        }
        commit();
        return target();
    }

    private void commit() {
        try {
            // a rename onto an existing directory would move staging inside it
            if (replace && fs.exists(target) && !fs.delete(target, true)) {
                throw new IOException("cannot remove the previous " + target);
            }
            if (!fs.rename(staging, target)) {
                throw new IOException("rename " + staging + " -> " + target + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish run directory " + target, e);
        }
    }

    /** Removes the staging directory of a run that failed. */
    public void abort() {
        try {
            fs.delete(staging, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + staging, e);
        }
    }
}
