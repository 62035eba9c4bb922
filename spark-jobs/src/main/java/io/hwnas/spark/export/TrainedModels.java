package io.hwnas.spark.export;

import io.hwnas.spark.FinalTrainingJob;
import io.hwnas.spark.store.CompletedRun;
import io.hwnas.spark.store.Csv;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code hwnas train-front} left in a run's {@code final/}: one row of final-training.csv per
 * trained member, and the trained model files. Read through Hadoop, like the run itself.
 */
final class TrainedModels {
    private final Path dir;
    private final FileSystem fs;
    private final Map<Integer, Map<String, String>> rows;

    private TrainedModels(Path dir, FileSystem fs, Map<Integer, Map<String, String>> rows) {
        this.dir = dir;
        this.fs = fs;
        this.rows = rows;
    }

    /** The run's final training, or none when train-front has not run (or did not finish: no final/). */
    static TrainedModels of(CompletedRun run, Configuration conf) {
        Path dir = new Path(run.path(), FinalTrainingJob.DIRECTORY);
        Map<Integer, Map<String, String>> rows = new LinkedHashMap<>();
        try {
            FileSystem fs = dir.getFileSystem(conf);
            if (fs.exists(dir)) {
                for (Map<String, String> row : Csv.read(text(fs, new Path(dir, FinalTrainingJob.CSV_FILE)))) {
                    rows.put(Integer.parseInt(row.get("candidate_id")), row);
                }
            }
            return new TrainedModels(dir, fs, rows);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + new Path(dir, FinalTrainingJob.CSV_FILE), e);
        }
    }

    /** The final-training.csv row of a member, if it was trained. */
    Optional<Map<String, String>> row(int candidateId) {
        return Optional.ofNullable(rows.get(candidateId));
    }

    /** Whether train-front wrote a final/ (possibly for other members only). */
    boolean present() {
        return !rows.isEmpty();
    }

    /** Where the provenance of the final training is, for the manifest. */
    String provenance() {
        return new Path(dir, FinalTrainingJob.PROVENANCE_FILE).toString();
    }

    /** The location of a file of final/, as the manifest names it. */
    String location(String file) {
        return new Path(dir, file).toString();
    }

    byte[] bytes(String file) {
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
