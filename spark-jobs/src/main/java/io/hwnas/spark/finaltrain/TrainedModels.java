package io.hwnas.spark.finaltrain;

import io.hwnas.spark.store.CompletedRun;
import io.hwnas.spark.store.Csv;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code hwnas train-front} ({@code FinalTrainingJob}) left in a run's {@code final/}: one row of
 * final-training.csv per trained member, and the trained model files. Read through Hadoop, like the run itself; by
 * export and by the report's detection panel.
 */
public final class TrainedModels {
    public static final String DIRECTORY = "final";
    public static final String CSV_FILE = "final-training.csv";
    public static final String PROVENANCE_FILE = "final-training.json";

    private final Path dir;
    private final FileSystem fs;
    private final Map<Integer, Map<String, String>> rows;

    private TrainedModels(Path dir, FileSystem fs, Map<Integer, Map<String, String>> rows) {
        this.dir = dir;
        this.fs = fs;
        this.rows = rows;
    }

    /** The run's final training, or none when train-front has not run (or did not finish: no final/). */
    public static TrainedModels of(CompletedRun run, Configuration conf) {
        Path dir = new Path(run.path(), DIRECTORY);
        Map<Integer, Map<String, String>> rows = new LinkedHashMap<>();
        try {
            FileSystem fs = dir.getFileSystem(conf);
            if (fs.exists(dir)) {
                for (Map<String, String> row : Csv.read(text(fs, new Path(dir, CSV_FILE)))) {
                    rows.put(Integer.parseInt(row.get("candidate_id")), row);
                }
            }
            return new TrainedModels(dir, fs, rows);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + new Path(dir, CSV_FILE), e);
        }
    }

    /** The final-training.csv row of a member, if it was trained. */
    public Optional<Map<String, String>> row(int candidateId) {
        return Optional.ofNullable(rows.get(candidateId));
    }

    /** Every trained member's final-training.csv row, in file order (the front's). */
    public List<Map<String, String>> rows() {
        return List.copyOf(rows.values());
    }

    /** The trained graph in {@code file} of final/. */
    public ComputationGraph graph(String file) {
        return restore(bytes(file), location(file));
    }

    /** A model file's bytes as a graph; {@code location} names it in the error. */
    public static ComputationGraph restore(byte[] model, String location) {
        try {
            return ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(model), false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the trained model " + location, e);
        }
    }

    /** Whether train-front wrote a final/ (possibly for other members only). */
    public boolean present() {
        return !rows.isEmpty();
    }

    /** Where the provenance of the final training is, for the manifest. */
    public String provenance() {
        return new Path(dir, PROVENANCE_FILE).toString();
    }

    /** The location of a file of final/, as the manifest names it. */
    public String location(String file) {
        return new Path(dir, file).toString();
    }

    public byte[] bytes(String file) {
        Path p = new Path(dir, file);
        try (FSDataInputStream in = fs.open(p)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the trained model " + p, e);
        }
    }

    private static String text(FileSystem fs, Path file) throws IOException {
        try (FSDataInputStream in = fs.open(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
