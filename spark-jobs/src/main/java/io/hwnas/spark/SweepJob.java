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
import io.hwnas.spark.config.SweepConfig;
import io.hwnas.spark.config.SweepPlan;
import io.hwnas.spark.store.FrontDefinition;
import io.hwnas.spark.store.ResultStore;
import io.hwnas.spark.store.RunDirectory;
import io.hwnas.spark.store.RunProvenance;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One sweep: run the configured strategy against Spark executors under the evaluation budget,
 * recording the hypervolume after every batch, keep the Pareto fronts (the search goal's, and
 * accuracy vs FPS per device and vs MACs when candidates are trained) and publish the run directory.
 */
public final class SweepJob {
    private static final Logger LOG = LoggerFactory.getLogger(SweepJob.class);
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
        return new CandidateEvaluator(config.data(), config.training(), config.proxies(), plan.costModels());
    }

    public static Outcome run(SparkSession spark, SweepPlan plan, String configSource, String configText) {
        SweepConfig config = plan.config();
        Instant started = Instant.now();
        String runId = config.name() + "-" + RUN_TIME.format(started) + "-s" + config.seed();
        LOG.info("sweep {}: strategy {}, {} evaluations over a space of {}, devices {}, objectives {}", runId,
                config.search().strategy().type(), config.evaluations(), config.space().size(), plan.devices(),
                plan.goal().objectives());
        RunDirectory dir = RunDirectory.create(config.output(), runId, spark.sparkContext().hadoopConfiguration());
        try {
            // table lookups take microseconds: shipping them to executors would only add Spark's overhead
            Evaluator evaluator = plan.tabular() != null ? plan.tabular()
                    : new SparkEvaluator(JavaSparkContext.fromSparkContext(spark.sparkContext()), evaluator(plan),
                    config.execution().candidatesPerTask(), config.execution().threadsPerTask());
            SearchStrategy strategy = config.search().strategy().create(config.space(), plan.goal(), config.seed());
            SearchOutcome outcome = new Search(config.space(), evaluator, plan.goal(), config.seed())
                    .run(strategy, config.evaluations(), (record, batch) -> logProgress(record, config.evaluations()));
            Map<FrontDefinition, List<Map<String, Object>>> fronts = fronts(plan, outcome.current());
            List<EvaluationResult> results = outcome.results();
            long failed = results.stream().filter(r -> !r.ok()).count();
            Map<String, Long> counts = new LinkedHashMap<>();
            counts.put("evaluations", (long) results.size());
            counts.put("distinct_points", (long) outcome.current().size());
            counts.put("ok", results.size() - failed);
            counts.put("failed", failed);
            RunProvenance provenance = RunProvenance.of(spark.sparkContext(), runId, config.name(), config.seed(),
                    configSource, configText, config, started, config.space().size().toString(), counts,
                    config.search().referenceMap(plan.goal()),
                    outcome.batches().isEmpty() ? 0 : outcome.batches().get(outcome.batches().size() - 1).hypervolume());
            URI written = ResultStore.write(spark, dir, results, plan.table(), fronts, outcome.batches(), provenance);
            LOG.info("sweep {} finished: {} ok, {} failed, results in {}", runId, results.size() - failed, failed, written);
            return new Outcome(written, results, fronts, outcome.batches());
        } catch (RuntimeException e) {
            dir.abort();
            throw e;
        }
    }

    /**
     * The search goal's front, plus — when results have accuracies — accuracy vs FPS per device and
     * accuracy vs MACs, each over the highest-fidelity result of every distinct point.
     */
    private static Map<FrontDefinition, List<Map<String, Object>>> fronts(SweepPlan plan, List<EvaluationResult> current) {
        Map<FrontDefinition, List<Map<String, Object>>> fronts = new LinkedHashMap<>();
        FrontDefinition search = new FrontDefinition("search", plan.goal().objectives());
        fronts.put(search, search.sorted(plan.goal().front(current).stream().map(plan.table()::row).toList()));
        if (current.stream().anyMatch(r -> r.ok() && !Double.isNaN(r.accuracy()))) {
            FrontDefinition.standard(plan.devices()).forEach(f -> fronts.put(f, f.front(current, plan.table())));
        }
        return fronts;
    }

    private static void logProgress(BatchRecord r, int budget) {
        double eta = r.evaluations() == 0 ? Double.NaN : r.elapsedSeconds() / r.evaluations() * (budget - r.evaluations());
        LOG.info("batch {}: {}/{} evaluations ({} new), {} failed, elapsed {}s, ETA {}s (if the budget is spent), "
                        + "front {} points, hypervolume {}", r.batch(), r.evaluations(), budget, r.newEvaluations(),
                r.failed(), Math.round(r.elapsedSeconds()), Math.round(eta), r.frontSize(), String.format("%.6g", r.hypervolume()));
    }
}
