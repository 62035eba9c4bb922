package io.hwnas.spark;

import io.hwnas.io.Sha256;
import io.hwnas.spark.config.ConfigException;
import io.hwnas.spark.config.Redaction;
import io.hwnas.spark.config.SweepPlan;
import io.hwnas.spark.journal.RunJournal;
import io.hwnas.spark.store.RunDirectory;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.regex.Pattern;

/**
 * What a sweep given its run id ({@code sweep --run-id ID}) finds under its output root, decided before Spark
 * starts: nothing yet (a new run), its own interrupted run (resumed), or its own run already complete. A driver
 * restarted with the same arguments (spark-submit {@code --supervise}) so continues its run without anyone typing
 * {@code hwnas resume}. "Its own" means the same config: the journal's {@code sweep.yaml} has the SHA-256 of the
 * config text given now, secrets redacted as the journal stores them. Another config's run under that id is
 * refused (exit 2), never resumed or replaced.
 */
public sealed interface NamedRun permits NamedRun.Fresh, NamedRun.Interrupted, NamedRun.Complete {

    /** Nothing of this id yet (or a directory left before its journal was started): a new run. */
    record Fresh(String runId) implements NamedRun {
    }

    /** This config's run, interrupted: resumed from its journal. */
    record Interrupted(SweepJob.Interrupted run) implements NamedRun {
    }

    /** This config's run, already published (its driver died after publishing): nothing to do. */
    record Complete(URI directory) implements NamedRun {
    }

    String OPTION = "option '--run-id'";
    Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    /**
     * @throws ConfigException when {@code runId} is not a valid directory name, or names a run of another config
     */
    static NamedRun find(SweepPlan plan, String configText, String runId, Configuration hadoop) {
        if (!ID.matcher(runId).matches()) {
            throw new ConfigException(OPTION + " = '" + runId + "': a run id is 1 to 128 letters, digits, '.', '_' "
                    + "and '-', starting with a letter or digit");
        }
        String output = plan.config().output();
        try {
            Path root = new Path(output);
            FileSystem fs = root.getFileSystem(hadoop);
            root = fs.makeQualified(root);
            Path target = new Path(root, runId);
            Path staging = new Path(root, RunDirectory.stagingName(runId));
            // the journal keeps the config with its secrets redacted: compare like with like
            String config = Sha256.hex(Redaction.beforeSession(plan.config().spark()).text(configText));
            if (fs.exists(target)) {
                RunJournal published = new RunJournal(fs, target);
                if (!fs.exists(new Path(target, "run.json")) || !published.exists()) {
                    throw new ConfigException(OPTION + " = '" + runId + "': " + target + " exists and is no sweep's "
                            + "run; choose another id");
                }
                if (!Sha256.hex(published.configText()).equals(config)) {
                    throw new ConfigException(OPTION + " = '" + runId + "': " + target + " is a complete run of "
                            + "another config; choose another id");
                }
                return new Complete(target.toUri());
            }
            RunJournal journal = new RunJournal(fs, staging);
            if (!journal.exists()) {
                return new Fresh(runId);
            }
            String theirs = Sha256.hex(journal.configText());
            if (!theirs.equals(config)) {
                throw new ConfigException(OPTION + " = '" + runId + "': " + staging + " is an interrupted run of "
                        + "another config (sweep.yaml sha256 " + theirs.substring(0, 12) + ", this config's "
                        + config.substring(0, 12) + "); resume it with 'hwnas resume " + staging
                        + "' or choose another id");
            }
            return new Interrupted(SweepJob.interrupted(staging.toString(), hadoop));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look for run " + runId + " under " + output + ": " + e.getMessage(), e);
        }
    }
}
