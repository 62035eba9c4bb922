package io.hwnas.spark.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A run's output directory on any Hadoop file system. Everything is written under a hidden
 * {@code .<run-id>.inprogress} sibling and renamed to {@code <run-id>} by {@link #publish}, so a
 * directory named like a run is always complete; a failed run leaves at most the hidden one.
 */
public final class RunDirectory {
    private static final ObjectMapper RUN_JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final FileSystem fs;
    private final Path staging;
    private final Path target;

    private RunDirectory(FileSystem fs, Path staging, Path target) {
        this.fs = fs;
        this.staging = staging;
        this.target = target;
    }

    public static RunDirectory create(String outputRoot, String runId, Configuration conf) {
        try {
            Path root = new Path(outputRoot);
            FileSystem fs = root.getFileSystem(conf);
            Path qualifiedRoot = fs.makeQualified(root);
            Path target = new Path(qualifiedRoot, runId);
            if (fs.exists(target)) {
                throw new IllegalStateException("run directory " + target + " already exists; refusing to overwrite it");
            }
            Path staging = new Path(qualifiedRoot, "." + runId + ".inprogress");
            if (fs.exists(staging)) {
                fs.delete(staging, true);
            }
            if (!fs.mkdirs(staging)) {
                throw new IOException("cannot create " + staging);
            }
            return new RunDirectory(fs, staging, target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare output directory under " + outputRoot, e);
        }
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

    /**
     * Writes {@code run.json} last (the provenance, indented JSON) and publishes the directory, so a
     * run directory with a run.json is always complete.
     */
    public URI publish(Object provenance) {
        try {
            writeText("run.json", RUN_JSON.writeValueAsString(provenance));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write run.json: " + e.getMessage(), e);
        }
        commit();
        return target();
    }

    private void commit() {
        try {
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
