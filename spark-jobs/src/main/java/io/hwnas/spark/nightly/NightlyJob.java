package io.hwnas.spark.nightly;

import io.hwnas.io.Mappers;
import io.hwnas.io.AtomicFiles;
import io.hwnas.io.BadInputException;
import io.hwnas.spark.SweepJob;
import io.hwnas.spark.config.Redaction;
import io.hwnas.spark.config.SweepConfigLoader;
import io.hwnas.spark.config.SweepPlan;
import io.hwnas.spark.store.CompletedRun;
import io.hwnas.spark.store.RunDirectory;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One night of a scheduled sweep: the run goes to {@code <root>/<yyyy-mm-dd>/<run-id>}; a run of
 * the same config interrupted earlier that night is resumed rather than started again;
 * evaluations of every earlier night under the root are reused when their key matches; and the
 * front is compared with the latest earlier night's (diff.json, diff.txt in the run directory).
 */
public final class NightlyJob {
    private static final Logger LOG = LoggerFactory.getLogger(NightlyJob.class);

    /** A night ready to run, checked before Spark starts. */
    public record Night(String root, LocalDate date, SweepPlan plan, String configSource, String configText,
                        SweepJob.Interrupted interrupted) {
    }

    /** A finished night. */
    public record Result(SweepJob.Outcome outcome, FrontDiff diff) {
    }

    private NightlyJob() {
    }

    public static Night prepare(String configText, String configSource, String root, LocalDate date,
                                Configuration hadoop) {
        String nightDir = new Path(new Path(root), date.toString()).toString();
        SweepPlan plan = SweepConfigLoader.plan(configText, configSource, c -> c.withOutput(nightDir));
        String prefix = plan.config().name() + "-";
        for (String dir : RunDirectory.interrupted(nightDir, prefix, hadoop)) {
            try {
                SweepJob.Interrupted run = SweepJob.interrupted(dir, hadoop);
                // the journal holds the config with its secrets redacted
                if (run.configText().equals(Redaction.beforeSession(plan.config().spark()).text(configText))) {
                    return new Night(root, date, plan, configSource, configText, run);
                }
                LOG.info("{} was started from another config; leaving it and starting a new run", dir);
            } catch (BadInputException e) {
                LOG.warn("cannot resume {} ({}); starting a new run", dir, e.getMessage());
            }
        }
        return new Night(root, date, plan, configSource, configText, null);
    }

    public static Result run(SparkSession spark, Night night) {
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        List<String> reuse = exists(night.root(), hadoop) ? List.of(night.root()) : List.of();
        SweepJob.Outcome outcome;
        if (night.interrupted() != null) {
            LOG.info("resuming tonight's interrupted run {}", night.interrupted().header().runId());
            outcome = SweepJob.resume(spark, night.interrupted(), reuse);
        } else {
            outcome = SweepJob.run(spark, night.plan(), night.configSource(), night.configText(), reuse);
        }
        Path current = new Path(outcome.runDirectory());
        Optional<Path> previous = previousNight(night, hadoop);
        FrontDiff diff = FrontDiff.of(previous.map(Path::toString).orElse(null),
                previous.map(p -> front(p, hadoop)).orElse(null), current.toString(), front(current, hadoop),
                night.plan().goal());
        try {
            FileSystem fs = current.getFileSystem(hadoop);
            AtomicFiles.write(fs, new Path(current, "diff.json"), Mappers.prettyJson().writeValueAsBytes(diff), true);
            AtomicFiles.write(fs, new Path(current, "diff.txt"), diff.text().getBytes(StandardCharsets.UTF_8), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the nightly diff into " + current + ": " + e.getMessage(), e);
        }
        LOG.info("nightly diff:\n{}", diff.text());
        SweepJob.writeReport(outcome.runDirectory(), hadoop); // again, now that the page can show the diff
        return new Result(outcome, diff);
    }

    /** The latest completed run of this config's name from the latest earlier night that has one. */
    static Optional<Path> previousNight(Night night, Configuration hadoop) {
        try {
            Path root = new Path(night.root());
            FileSystem fs = root.getFileSystem(hadoop);
            List<FileStatus> nights = new ArrayList<>();
            for (FileStatus s : fs.listStatus(root)) {
                String name = s.getPath().getName();
                if (s.isDirectory() && name.matches("\\d{4}-\\d{2}-\\d{2}") && name.compareTo(night.date().toString()) < 0) {
                    nights.add(s);
                }
            }
            nights.sort(Comparator.comparing((FileStatus s) -> s.getPath().getName()).reversed());
            String prefix = night.plan().config().name() + "-";
            for (FileStatus n : nights) {
                Optional<Path> run = java.util.Arrays.stream(fs.listStatus(n.getPath())).map(FileStatus::getPath)
                        .filter(p -> p.getName().startsWith(prefix))
                        .filter(p -> exists(new Path(p, "run.json").toString(), hadoop)
                                && exists(new Path(p, "pareto-search.csv").toString(), hadoop))
                        .max(Comparator.comparing(Path::getName));
                if (run.isPresent()) {
                    return run;
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list earlier nights under " + night.root() + ": " + e.getMessage(), e);
        }
    }

    private static List<Map<String, String>> front(Path run, Configuration hadoop) {
        return CompletedRun.open(run.toString(), hadoop).front("search");
    }

    private static boolean exists(String location, Configuration hadoop) {
        try {
            Path p = new Path(location);
            return p.getFileSystem(hadoop).exists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + location + ": " + e.getMessage(), e);
        }
    }
}
