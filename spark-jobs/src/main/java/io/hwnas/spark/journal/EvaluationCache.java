package io.hwnas.spark.journal;

import io.hwnas.spark.config.ConfigException;
import io.hwnas.spark.config.StorageLocation;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Successful evaluations of earlier, completed runs, by {@link EvaluationKey}: what a nightly sweep
 * reuses instead of training the same network on the same data again. Only published run
 * directories (with run.json) are read, and only their intact batch files; when several runs hold
 * the same key the most recently started one wins.
 */
public final class EvaluationCache {
    private static final Logger LOG = LoggerFactory.getLogger(EvaluationCache.class);
    /** root/run or root/night/run: deep enough for nightly layouts, shallow enough to stay quick. */
    private static final int MAX_DEPTH = 3;

    /** A reusable result and the run that produced it. */
    public record Hit(String runId, JournalEntry entry) {
    }

    private static final String OPTION = "option '--reuse'";
    private static final String ROOT_FIX = "give the directory of earlier runs, e.g. the output of their config";

    private final Map<String, Hit> byKey;

    private EvaluationCache(Map<String, Hit> byKey) {
        this.byKey = Map.copyOf(byKey);
    }

    public static EvaluationCache empty() {
        return new EvaluationCache(Map.of());
    }

    /** Checks {@code --reuse} directories before Spark starts: each must exist, on a reachable file system. */
    public static void checkRoots(List<String> roots) {
        for (String root : roots) {
            StorageLocation.checkReadable(OPTION, root, false, ROOT_FIX);
        }
    }

    /** Reads every completed run with a journal under each root (local paths or Hadoop URIs). */
    public static EvaluationCache scan(List<String> roots, Configuration conf) {
        record Run(JournalHeader header, RunJournal journal) {
        }
        List<Run> runs = new ArrayList<>();
        for (String root : roots) {
            Path path = new Path(root);
            try {
                FileSystem fs = path.getFileSystem(conf);
                if (!fs.getFileStatus(path).isDirectory()) {
                    throw new ConfigException(OPTION + " = '" + root + "': not a directory; " + ROOT_FIX);
                }
                for (Path dir : runDirectories(fs, fs.makeQualified(path), 0)) {
                    RunJournal journal = new RunJournal(fs, dir);
                    runs.add(new Run(journal.header(), journal));
                }
            } catch (FileNotFoundException e) {
                throw new ConfigException(OPTION + " = '" + root + "': no such directory; " + ROOT_FIX, e);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot scan " + root + " for earlier runs: " + e.getMessage(), e);
            }
        }
        runs.sort(Comparator.comparing((Run r) -> r.header().startedAt()).thenComparing(r -> r.header().runId()));
        Map<String, Hit> byKey = new HashMap<>();
        for (Run run : runs) {
            for (JournalEntry e : run.journal().entries(false)) {
                if (e.result().ok()) {
                    byKey.put(e.key(), new Hit(run.header().runId(), e));
                }
            }
        }
        LOG.info("evaluation cache: {} reusable evaluations from {} earlier runs under {}", byKey.size(), runs.size(), roots);
        return new EvaluationCache(byKey);
    }

    private static List<Path> runDirectories(FileSystem fs, Path dir, int depth) throws IOException {
        if (fs.exists(new Path(dir, "run.json")) && new RunJournal(fs, dir).exists()) {
            return List.of(dir);
        }
        List<Path> out = new ArrayList<>();
        if (depth < MAX_DEPTH) {
            for (FileStatus s : fs.listStatus(dir)) {
                // hidden directories are runs in progress (or given up): never reuse what is unfinished
                if (s.isDirectory() && !s.getPath().getName().startsWith(".")) {
                    out.addAll(runDirectories(fs, s.getPath(), depth + 1));
                }
            }
        }
        return out;
    }

    public Optional<Hit> find(String key) {
        return Optional.ofNullable(byKey.get(key));
    }
}
