package io.hwnas.spark;

import io.hwnas.eval.Candidate;
import io.hwnas.eval.CandidateEvaluator;
import io.hwnas.eval.EvaluationResult;
import io.hwnas.eval.Evaluator;
import io.hwnas.search.BatchRecord;
import io.hwnas.search.Search;
import io.hwnas.search.SearchOutcome;
import io.hwnas.search.SearchStrategy;
import io.hwnas.space.Choice;
import io.hwnas.space.Sampling;
import io.hwnas.spark.config.ConfigException;
import io.hwnas.spark.config.Redaction;
import io.hwnas.spark.config.SweepConfig;
import io.hwnas.spark.config.SweepConfigLoader;
import io.hwnas.spark.journal.EvaluationCache;
import io.hwnas.spark.journal.EvaluationKey;
import io.hwnas.spark.journal.JournalEntry;
import io.hwnas.spark.journal.JournalHeader;
import io.hwnas.spark.journal.ReusingEvaluator;
import io.hwnas.spark.journal.RunJournal;
import io.hwnas.spark.report.RunReport;
import io.hwnas.spark.store.BuildInfo;
import io.hwnas.spark.config.SweepPlan;
import io.hwnas.spark.exec.ExecutorMemory;
import io.hwnas.spark.exec.MemoryCheck;
import io.hwnas.spark.exec.TimeLimit;
import io.hwnas.spark.store.FrontDefinition;
import io.hwnas.spark.store.ResultStore;
import io.hwnas.spark.store.ResultStream;
import io.hwnas.spark.store.RunDirectory;
import io.hwnas.spark.store.RunProvenance;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One sweep: run the configured strategy against Spark executors under the evaluation budget,
 * recording the hypervolume after every batch, keep the Pareto fronts (the search goal's, and
 * accuracy vs FPS per device and vs MACs when candidates are trained) and publish the run directory.
 */
public final class SweepJob {
    private static final Logger LOG = LoggerFactory.getLogger(SweepJob.class);
    /** The local property naming the FAIR scheduler pool of the jobs a thread submits. */
    static final String POOL = "spark.scheduler.pool";
    private static final DateTimeFormatter RUN_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    /** A finished sweep: where it was written, every result, each front's rows and the per-batch record. */
    public record Outcome(URI runDirectory, List<EvaluationResult> results,
                          Map<FrontDefinition, List<Map<String, Object>>> fronts, List<BatchRecord> batches) {
    }

    private SweepJob() {
    }

    /** The candidates random search would evaluate for this config (benchmarks compare evaluators on them). */
    public static List<Candidate> candidates(SweepConfig config) {
        List<Choice> choices = Sampling.distinct(config.space(), config.evaluations(), config.seed());
        List<Candidate> out = new ArrayList<>(choices.size());
        for (int i = 0; i < choices.size(); i++) {
            out.add(Candidate.of(config.space(), choices.get(i), i, 0, config.seed()));
        }
        return out;
    }

    public static CandidateEvaluator evaluator(SweepPlan plan) {
        SweepConfig config = plan.config();
        return new CandidateEvaluator(config.data(), config.training(), config.proxies(), plan.costModels(),
                config.task(), config.quantization());
    }

    /**
     * The evaluator of a sweep's network candidates: on executors, refusing (when candidates are trained) those whose
     * training cannot fit in an executor task's memory, each under the configured or derived time limit.
     */
    static SparkEvaluator sparkEvaluator(SparkSession spark, SweepPlan plan) {
        SweepConfig config = plan.config();
        CandidateEvaluator work = evaluator(plan);
        MemoryCheck memory = config.training().trains()
                ? MemoryCheck.training(config.training().batchSize(), ExecutorMemory.of(spark.sparkContext()))
                : MemoryCheck.NONE;
        return new SparkEvaluator(JavaSparkContext.fromSparkContext(spark.sparkContext()), work::evaluate,
                config.execution().candidatesPerTask(), config.execution().threadsPerTask(), memory,
                new TimeLimit(config.execution().candidateTimeout()));
    }

    public static Outcome run(SparkSession spark, SweepPlan plan, String configSource, String configText) {
        return run(spark, plan, configSource, configText, List.of());
    }

    /**
     * Runs a new sweep, journaling every completed batch in its (hidden, in-progress) run directory.
     *
     * @param reuseRoots directories of earlier runs whose evaluations may be reused (see {@link EvaluationCache})
     */
    public static Outcome run(SparkSession spark, SweepPlan plan, String configSource, String configText,
                              List<String> reuseRoots) {
        return run(spark, plan, configSource, configText, reuseRoots, SweepProgress.LOG);
    }

    public static Outcome run(SparkSession spark, SweepPlan plan, String configSource, String configText,
                              List<String> reuseRoots, SweepProgress progress) {
        return run(spark, plan, configSource, configText, reuseRoots, progress, null);
    }

    /**
     * @param fixedRunId the run's id as given with {@code sweep --run-id} (see {@link NamedRun}); null =
     *     {@code <name>-<yyyyMMdd-HHmmss>-s<seed>}
     */
    public static Outcome run(SparkSession spark, SweepPlan plan, String configSource, String configText,
                              List<String> reuseRoots, SweepProgress progress, String fixedRunId) {
        SweepConfig config = plan.config();
        Instant started = Instant.now();
        String runId = fixedRunId != null ? fixedRunId : config.name() + "-" + RUN_TIME.format(started) + "-s" + config.seed();
        // before the run directory exists: a bad --reuse leaves nothing behind
        EvaluationCache cache = reusable(spark, reuseRoots);
        RunDirectory dir = RunDirectory.create(config.output(), runId, spark.sparkContext().hadoopConfiguration());
        String code = BuildInfo.current().codeVersion();
        JournalHeader header = new JournalHeader(JournalHeader.FORMAT, runId, configSource, started.toString(),
                EvaluationKey.context(config, code), code);
        try {
            dir.journal().start(header, Redaction.of(spark.sparkContext().getConf()).text(configText));
        } catch (RuntimeException e) {
            dir.abort();
            throw e;
        }
        LOG.info("sweep {}: run directory (until it completes) {}", runId, dir.stagingLocation());
        // a failure after this point keeps the directory: its journal is what `hwnas resume` continues from
        return execute(spark, plan, dir, header, configText, List.of(), cache, progress);
    }

    /** An interrupted run, read back and validated before Spark starts. */
    public record Interrupted(RunDirectory directory, JournalHeader header, String configText, SweepPlan plan) {
    }

    /**
     * Reads an interrupted run's journal and config.
     *
     * @throws io.hwnas.io.BadInputException (exit code 2) when the directory is not an interrupted run or its config no longer resolves
     */
    public static Interrupted interrupted(String runDirectory, Configuration hadoop) {
        try {
            RunDirectory dir = RunDirectory.reopen(runDirectory, hadoop);
            RunJournal journal = dir.journal();
            if (!journal.exists()) {
                throw new IllegalArgumentException("'" + runDirectory + "' has no journal.json; it was not started by "
                        + "a sweep that can be resumed");
            }
            JournalHeader header = journal.header();
            String text = journal.configText();
            return new Interrupted(dir, header, text, SweepConfigLoader.plan(text, header.configSource()));
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new ConfigException("resume: " + e.getMessage(), e);
        }
    }

    /**
     * Continues an interrupted run: the strategy is replayed from the start with the same seed, every
     * candidate already in an intact batch file is answered from it, and only the rest is evaluated;
     * the run is then published under its original id.
     */
    public static Outcome resume(SparkSession spark, Interrupted run, List<String> reuseRoots) {
        return resume(spark, run, reuseRoots, SweepProgress.LOG);
    }

    public static Outcome resume(SparkSession spark, Interrupted run, List<String> reuseRoots, SweepProgress progress) {
        String code = BuildInfo.current().codeVersion();
        if (!code.equals(run.header().codeVersion())) {
            LOG.warn("run {} was started by {} and is resumed by {}: results of the two builds are mixed",
                    run.header().runId(), run.header().codeVersion(), code);
        }
        List<JournalEntry> entries = run.directory().journal().entries(true);
        LOG.info("resuming {}: {} evaluations recorded in its journal", run.header().runId(), entries.size());
        return execute(spark, run.plan(), run.directory(), run.header(), run.configText(), entries,
                reusable(spark, reuseRoots), progress);
    }

    private static EvaluationCache reusable(SparkSession spark, List<String> reuseRoots) {
        return reuseRoots.isEmpty() ? EvaluationCache.empty()
                : EvaluationCache.scan(reuseRoots, spark.sparkContext().hadoopConfiguration());
    }

    /**
     * Runs the sweep with its Spark jobs in {@code execution.pool}: a local property of the driver thread, which every
     * job it submits inherits, so it is set for the sweep and put back after it.
     */
    private static Outcome execute(SparkSession spark, SweepPlan plan, RunDirectory dir, JournalHeader header,
                                   String configText, List<JournalEntry> journaled, EvaluationCache cache,
                                   SweepProgress progress) {
        String pool = plan.config().execution().pool();
        if (pool == null) {
            return searchAndPublish(spark, plan, dir, header, configText, journaled, cache, progress);
        }
        String before = spark.sparkContext().getLocalProperty(POOL);
        spark.sparkContext().setLocalProperty(POOL, pool);
        try {
            return searchAndPublish(spark, plan, dir, header, configText, journaled, cache, progress);
        } finally {
            spark.sparkContext().setLocalProperty(POOL, before);
        }
    }

    private static Outcome searchAndPublish(SparkSession spark, SweepPlan plan, RunDirectory dir, JournalHeader header,
                                            String configText, List<JournalEntry> journaled, EvaluationCache cache,
                                            SweepProgress progress) {
        SweepConfig config = plan.config();
        String runId = header.runId();
        LOG.info("sweep {}: strategy {}, {} evaluations over a space of {}, devices {}, objectives {}, scheduler pool {}",
                runId, config.search().strategy().type(), config.evaluations(), config.space().size(), plan.devices(),
                plan.goal().objectives(), Objects.requireNonNullElse(spark.sparkContext().getLocalProperty(POOL), "default"));
        // table lookups take microseconds: shipping them to executors would only add Spark's overhead
        Evaluator base = plan.tabular() != null ? plan.tabular() : sparkEvaluator(spark, plan);
        ReusingEvaluator evaluator = new ReusingEvaluator(base, header.evaluationContext(), journaled, cache);
        RunJournal journal = dir.journal();
        SearchStrategy strategy = config.search().strategy().create(config.space(), plan.goal(), config.seed());
        progress.started(spark.sparkContext(), config.evaluations(), config.execution().candidatesPerTask());
        SearchOutcome outcome;
        try (ResultStream stream = ResultStream.open(dir, plan.table(), spark.sparkContext().hadoopConfiguration())) {
            outcome = new Search(config.space(), evaluator, plan.goal(), config.seed())
                    .run(strategy, config.evaluations(), (record, batch) -> {
                        if (!batch.isEmpty() && !journal.has(record.batch())) {
                            journal.append(record.batch(), batch.stream().map(r -> evaluator.entry(r.candidateId())).toList());
                        }
                        stream.append(batch);
                        progress.batchDone(new SweepStatus(record, config.evaluations(), evaluator.evaluated(),
                                evaluator.replayed(), evaluator.reused()));
                    });
            stream.complete();
        } finally {
            progress.finished();
        }
        Map<FrontDefinition, List<Map<String, Object>>> fronts = fronts(plan, outcome.current());
        List<EvaluationResult> results = outcome.results();
        long failed = results.stream().filter(r -> !r.ok()).count();
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("evaluations", (long) results.size());
        counts.put("distinct_points", (long) outcome.current().size());
        counts.put("ok", results.size() - failed);
        counts.put("failed", failed);
        counts.put("evaluated_now", (long) evaluator.evaluated());
        counts.put("replayed_from_journal", (long) evaluator.replayed());
        counts.put("reused_from_earlier_runs", (long) evaluator.reused());
        RunProvenance provenance = RunProvenance.of(spark.sparkContext(), runId, config.name(), config.seed(),
                header.configSource(), configText, config, Instant.parse(header.startedAt()),
                config.space().size().toString(), counts, config.search().referenceMap(plan.goal()),
                outcome.batches().isEmpty() ? 0 : outcome.batches().get(outcome.batches().size() - 1).hypervolume());
        URI written = ResultStore.write(dir, fronts, outcome.batches(), provenance);
        LOG.info("sweep {} finished: {} ok, {} failed ({} evaluated now, {} from its journal, {} from earlier runs), "
                        + "results in {}", runId, results.size() - failed, failed, evaluator.evaluated(),
                evaluator.replayed(), evaluator.reused(), written);
        writeReport(written, spark.sparkContext().hadoopConfiguration());
        return new Outcome(written, results, fronts, outcome.batches());
    }

    /**
     * Writes the run's HTML report into the published directory. The results are complete without
     * it, so a report that fails (e.g. a JVM without fonts) is a warning, not a failed sweep.
     *
     * @return whether the report was written
     */
    public static boolean writeReport(URI run, Configuration hadoop) {
        try {
            RunReport.write(run.toString(), null, hadoop); // logs where it went
            return true;
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError fatal) {
                throw fatal;
            }
            LOG.warn("no report for {}: {}; the results are complete, run 'hwnas report {}' to retry", run, e, run);
            LOG.debug("report failure", e);
            return false;
        }
    }

    /**
     * The search goal's front, plus — when results have the task's quality (accuracy, or PSNR) — quality vs FPS
     * per device and quality vs MACs, each over the highest-fidelity result of every distinct point.
     */
    private static Map<FrontDefinition, List<Map<String, Object>>> fronts(SweepPlan plan, List<EvaluationResult> current) {
        Map<FrontDefinition, List<Map<String, Object>>> fronts = new LinkedHashMap<>();
        FrontDefinition search = new FrontDefinition("search", plan.goal().objectives());
        fronts.put(search, search.sorted(plan.goal().front(current).stream().map(plan.table()::row).toList()));
        String quality = plan.config().task().qualityColumn();
        if (current.stream().anyMatch(r -> r.ok() && !Double.isNaN(plan.table().number(r, quality)))) {
            FrontDefinition.standard(plan.devices(), plan.config().task())
                    .forEach(f -> fronts.put(f, f.front(current, plan.table())));
        }
        return fronts;
    }
}
