package io.hwnas.spark.journal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hwnas.io.Mappers;
import io.hwnas.io.AtomicFiles;
import org.apache.hadoop.fs.ChecksumException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A run's append-only record, kept in its run directory while it runs and after: {@code sweep.yaml}
 * (the config text), {@code journal.json} ({@link JournalHeader}) and one {@code batches/batch-NNNNN.json}
 * per completed batch ({@link BatchFile}). Every file is written under a temporary name and renamed,
 * so a file with its final name is whole; an existing batch file is never rewritten. A batch file
 * that fails its checks is renamed to {@code *.corrupt} (kept for inspection) and its candidates
 * are evaluated again.
 */
public final class RunJournal {
    private static final Logger LOG = LoggerFactory.getLogger(RunJournal.class);
    private static final ObjectMapper JSON = Mappers.json();
    private static final Pattern BATCH = Pattern.compile("batch-(\\d{5,})\\.json");
    static final String CONFIG = "sweep.yaml";
    static final String HEADER = "journal.json";
    static final String BATCHES = "batches";

    private final FileSystem fs;
    private final Path dir;

    public RunJournal(FileSystem fs, Path runDirectory) {
        this.fs = fs;
        this.dir = runDirectory;
    }

    /** Whether the directory holds a journal (runs made before journals existed do not). */
    public boolean exists() {
        try {
            return fs.exists(new Path(dir, HEADER));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
    }

    /** Records the config and the header; the first thing a run writes. */
    public void start(JournalHeader header, String configText) {
        try {
            AtomicFiles.write(fs, new Path(dir, CONFIG), configText.getBytes(StandardCharsets.UTF_8), true);
            AtomicFiles.write(fs, new Path(dir, HEADER), Mappers.prettyJson().writeValueAsBytes(header), true);
            fs.mkdirs(new Path(dir, BATCHES));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the journal in " + dir, e);
        }
    }

    public JournalHeader header() {
        try {
            return JSON.readValue(read(new Path(dir, HEADER)), JournalHeader.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + new Path(dir, HEADER) + ": " + e.getMessage(), e);
        }
    }

    public String configText() {
        try {
            return new String(read(new Path(dir, CONFIG)), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + new Path(dir, CONFIG) + ": " + e.getMessage(), e);
        }
    }

    /** Writes a completed batch; refuses to replace a batch file that is already there. */
    public void append(int batch, List<JournalEntry> entries) {
        Path file = batchFile(batch);
        try {
            AtomicFiles.write(fs, file, BatchFile.encode(batch, entries), false); // append-only
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public boolean has(int batch) {
        try {
            return fs.exists(batchFile(batch));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + batchFile(batch), e);
        }
    }

    /**
     * Every entry of every intact batch file, in batch order. Corrupt files are renamed aside (and
     * logged) when {@code quarantine} is set, else only skipped; leftover temporary files of an
     * interrupted write are ignored.
     */
    public List<JournalEntry> entries(boolean quarantine) {
        Path batches = new Path(dir, BATCHES);
        TreeMap<Integer, Path> files = new TreeMap<>();
        try {
            for (FileStatus s : fs.listStatus(batches)) {
                Matcher m = BATCH.matcher(s.getPath().getName());
                if (s.isFile() && m.matches()) {
                    files.put(Integer.parseInt(m.group(1)), s.getPath());
                }
            }
        } catch (FileNotFoundException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + batches, e);
        }
        List<JournalEntry> out = new ArrayList<>();
        for (var f : files.entrySet()) {
            try {
                out.addAll(BatchFile.decode(read(f.getValue()), f.getKey()));
            } catch (BatchFile.CorruptBatchException | ChecksumException e) {
                // the file system's own checksums (Hadoop's .crc files, HDFS blocks) may notice first
                LOG.warn("batch file {} is corrupt ({}); its candidates will be evaluated again", f.getValue(),
                        e.getMessage());
                if (quarantine) {
                    setAside(f.getValue());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + f.getValue() + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    private void setAside(Path file) {
        try {
            Path aside = new Path(file.getParent(), file.getName() + ".corrupt");
            for (int i = 1; fs.exists(aside); i++) {
                aside = new Path(file.getParent(), file.getName() + ".corrupt-" + i);
            }
            if (!fs.rename(file, aside)) {
                throw new IOException("rename to " + aside + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set corrupt batch file " + file + " aside: " + e.getMessage(), e);
        }
    }

    private Path batchFile(int batch) {
        return new Path(new Path(dir, BATCHES), String.format("batch-%05d.json", batch));
    }

    private byte[] read(Path file) throws IOException {
        try (InputStream in = fs.open(file)) {
            return in.readAllBytes();
        }
    }

}
