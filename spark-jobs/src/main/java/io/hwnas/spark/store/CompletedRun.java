package io.hwnas.spark.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hwnas.io.Mappers;
import io.hwnas.spark.config.ConfigException;
import io.hwnas.spark.journal.RunJournal;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A published sweep run directory read back (any Hadoop file system): the provenance in run.json
 * and its Pareto fronts ({@code pareto-<name>.csv}). Anything that is not a complete sweep run —
 * a missing directory, a hidden {@code .inprogress} one, no run.json, an unknown front — is
 * refused with a {@link ConfigException} naming the path and what was expected.
 */
public final class CompletedRun {
    private static final ObjectMapper JSON = Mappers.json();
    private static final String FRONT_PREFIX = "pareto-";
    private static final String FRONT_SUFFIX = ".csv";

    private final FileSystem fs;
    private final Path dir;
    private final JsonNode provenance;

    private CompletedRun(FileSystem fs, Path dir, JsonNode provenance) {
        this.fs = fs;
        this.dir = dir;
        this.provenance = provenance;
    }

    /** @param runDir a local path or Hadoop URI of a directory written by {@code hwnas sweep} */
    public static CompletedRun open(String runDir, Configuration conf) {
        if (runDir == null || runDir.isBlank()) {
            throw new ConfigException("RUN_DIR must not be empty");
        }
        try {
            Path path = new Path(runDir);
            FileSystem fs = path.getFileSystem(conf);
            Path dir = fs.makeQualified(path);
            if (!fs.exists(dir)) {
                throw new ConfigException("RUN_DIR '" + runDir + "' does not exist");
            }
            if (!fs.getFileStatus(dir).isDirectory()) {
                throw new ConfigException("RUN_DIR '" + runDir + "' is a file; expected a run directory written by 'hwnas sweep'");
            }
            if (dir.getName().endsWith(".inprogress")) {
                throw new ConfigException("RUN_DIR '" + runDir + "' is the staging directory of a run that did not finish "
                        + "(published runs have no '.inprogress' suffix)");
            }
            Path runJson = new Path(dir, "run.json");
            if (!fs.exists(runJson)) {
                throw new ConfigException("RUN_DIR '" + runDir + "' has no run.json, so it is not a completed run "
                        + "(a sweep writes run.json last)");
            }
            JsonNode provenance = JSON.readTree(read(fs, runJson));
            for (String field : List.of("runId", "seed", "configText")) {
                if (provenance == null || !provenance.hasNonNull(field)) {
                    throw new ConfigException("RUN_DIR '" + runDir + "': run.json has no '" + field
                            + "'; expected the provenance of a sweep run");
                }
            }
            return new CompletedRun(fs, dir, provenance);
        } catch (IOException e) {
            throw new ConfigException("RUN_DIR '" + runDir + "': cannot read it (" + e.getMessage() + ")", e);
        }
    }

    public URI location() {
        return dir.toUri();
    }

    /** The directory as a string a Hadoop {@link Path} accepts, e.g. to create a directory inside it. */
    public String path() {
        return dir.toString();
    }

    public String runId() {
        return provenance.get("runId").asText();
    }

    public long seed() {
        return provenance.get("seed").asLong();
    }

    /** The sweep config exactly as the run read it. */
    public String configText() {
        return provenance.get("configText").asText();
    }

    /** Names of the fronts the run wrote ({@code search}, devices, {@code macs}), sorted. */
    public List<String> fronts() {
        try {
            List<String> names = new ArrayList<>();
            for (FileStatus f : fs.listStatus(dir)) {
                String n = f.getPath().getName();
                if (f.isFile() && n.startsWith(FRONT_PREFIX) && n.endsWith(FRONT_SUFFIX)) {
                    names.add(n.substring(FRONT_PREFIX.length(), n.length() - FRONT_SUFFIX.length()));
                }
            }
            names.sort(null);
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** The rows of {@code pareto-<name>.csv}, column → text; refused when the run has no such front. */
    public List<Map<String, String>> front(String name) {
        Path file = new Path(dir, FRONT_PREFIX + name + FRONT_SUFFIX);
        try {
            if (!fs.exists(file)) {
                List<String> available = fronts();
                throw new ConfigException("front '" + name + "': " + location() + " has no " + file.getName()
                        + " (fronts there: " + (available.isEmpty() ? "none; is it a sweep run?" : String.join(", ", available)) + ")");
            }
            return Csv.read(read(fs, file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The run's journal: every evaluation as recorded, whole results included (none for runs older than journals). */
    public RunJournal journal() {
        return new RunJournal(fs, dir);
    }

    /** run.json as recorded (a copy). */
    public JsonNode provenance() {
        return provenance.deepCopy();
    }

    /** The text of {@code <run>/<name>}, empty when the run has no such file (e.g. an older run without hypervolume.csv). */
    public Optional<String> text(String name) {
        Path file = new Path(dir, name);
        try {
            return fs.exists(file) ? Optional.of(read(fs, file)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * {@code <run>/<name>} as a stream the caller closes, empty when the run has no such file: for files too large
     * to hold as one string (results.csv of 10⁶ evaluations).
     */
    public Optional<InputStream> open(String name) {
        Path file = new Path(dir, name);
        try {
            return fs.exists(file) ? Optional.of(fs.open(file)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file, e);
        }
    }

    /** Whether {@code <run>/<name>} exists already. */
    public boolean contains(String name) {
        try {
            return fs.exists(new Path(dir, name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check " + new Path(dir, name), e);
        }
    }

    private static String read(FileSystem fs, Path file) throws IOException {
        try (FSDataInputStream in = fs.open(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
