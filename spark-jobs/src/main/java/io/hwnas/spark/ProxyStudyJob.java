package io.hwnas.spark;

import io.hwnas.cost.CostModel;
import io.hwnas.eval.Candidate;
import io.hwnas.eval.CandidateEvaluator;
import io.hwnas.eval.EvaluationResult;
import io.hwnas.eval.ResultTable;
import io.hwnas.proxy.ProxyKind;
import io.hwnas.proxy.ProxySettings;
import io.hwnas.proxy.RankCorrelation;
import io.hwnas.spark.config.ConfigException;
import io.hwnas.spark.config.SweepConfig;
import io.hwnas.spark.config.SweepPlan;
import io.hwnas.spark.store.Csv;
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
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * How well do training-free proxies predict trained accuracy on a given space? Samples K
 * candidates from a sweep config's space, scores each with every proxy and trains it briefly (one
 * Spark task per candidate), then ranks the proxies, and the deployed form's parameter and MAC
 * counts as baselines, by Kendall's τ and Spearman's ρ against validation accuracy.
 */
public final class ProxyStudyJob {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyStudyJob.class);
    private static final DateTimeFormatter RUN_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    /** Fewer points give a τ of ±1 or ±1/3 by construction, which says nothing about the proxy. */
    public static final int MIN_CANDIDATES = 3;
    /** Size columns correlated alongside the proxies, the usual "bigger is better" baseline. */
    public static final List<String> BASELINES = List.of("trainable_params", "macs");
    static final List<String> CSV_COLUMNS = columns();

    /**
     * A finished study: where it was written, every result, the correlation of each subject with
     * accuracy, how many results had no accuracy, and summary.txt's text.
     */
    public record Outcome(URI runDirectory, List<EvaluationResult> results, Map<String, RankCorrelation> correlations,
                          int dropped, String summary) {
    }

    private ProxyStudyJob() {
    }

    /** Every proxy, then the baselines: the rows of correlations.csv. */
    public static List<String> subjects() {
        List<String> s = new ArrayList<>(ProxyKind.names());
        s.addAll(BASELINES);
        return s;
    }

    /** Rejects configs a study cannot use, before Spark starts. */
    public static void validate(SweepConfig config, String source) {
        if (!config.task().isClassification()) {
            throw new ConfigException(source + ": field 'task.type' = '" + config.task().type()
                    + "', but the proxies score "
                    + "classifiers (allowed: classification)");
        }
        if (config.evaluations() < MIN_CANDIDATES) {
            throw new ConfigException(source + ": candidates = " + config.evaluations() + " must be >= " + MIN_CANDIDATES
                    + " for a rank correlation");
        }
        if (!config.training().trains()) {
            throw new ConfigException(source + ": field 'training.epochs' = 0, but a proxy study needs trained "
                    + "accuracy (allowed: 1..1000)");
        }
        int batch = ProxySettings.all().batchSize();
        if (config.data().trainSamples() < batch) {
            throw new ConfigException(source + ": field 'data.trainSamples' = " + config.data().trainSamples()
                    + " must be >= " + batch + ", the proxies' minibatch");
        }
    }

    public static Outcome run(SparkSession spark, SweepConfig config, String configSource, String configText) {
        validate(config, configSource);
        Instant started = Instant.now();
        String runId = config.name() + "-proxy-study-" + RUN_TIME.format(started) + "-s" + config.seed();
        List<Candidate> candidates = SweepJob.candidates(config);
        LOG.info("proxy study {}: {} candidates from a space of {}, proxies {}", runId, candidates.size(),
                config.space().size(), ProxyKind.names());
        RunDirectory dir = RunDirectory.create(config.output(), runId, spark.sparkContext().hadoopConfiguration());
        try {
            List<CostModel> models = SweepPlan.of(config, configSource).costModels();
            SparkEvaluator evaluator = new SparkEvaluator(JavaSparkContext.fromSparkContext(spark.sparkContext()),
                    new CandidateEvaluator(config.data(), config.training(), ProxySettings.all(), models), 1, 1);
            List<EvaluationResult> results = evaluator.evaluate(candidates);
            List<EvaluationResult> usable = results.stream().filter(r -> r.ok() && !Double.isNaN(r.accuracy())).toList();
            int dropped = results.size() - usable.size();
            Map<String, RankCorrelation> correlations = correlate(usable);
            Map<String, Long> counts = new LinkedHashMap<>();
            counts.put("candidates", (long) results.size());
            counts.put("ok", (long) usable.size());
            counts.put("dropped", (long) dropped);
            RunProvenance provenance = RunProvenance.of(spark.sparkContext(), runId, config.name(), config.seed(),
                    configSource, configText, config, started, config.space().size().toString(), counts, null, null);
            ResultTable table = new ResultTable(models.stream().map(CostModel::device).toList(), ProxyKind.names());
            dir.writeText("proxy-study.csv", Csv.write(CSV_COLUMNS, results.stream().map(table::row).toList()));
            dir.writeText("correlations.csv", Csv.write(List.of("proxy", "kendall_tau", "spearman_rho", "n"),
                    correlationRows(correlations)));
            String summary = summary(runId, config, results.size(), dropped, correlations);
            dir.writeText("summary.txt", summary);
            dir.publish(provenance);
            LOG.info("proxy study {} finished: {} usable, {} dropped, results in {}", runId, usable.size(), dropped,
                    dir.target());
            return new Outcome(dir.target(), results, correlations, dropped, summary);
        } catch (RuntimeException e) {
            dir.abort();
            throw e;
        }
    }

    /** τ and ρ of every {@link #subjects() subject} against accuracy, over results that have an accuracy. */
    public static Map<String, RankCorrelation> correlate(List<EvaluationResult> results) {
        double[] accuracy = values(results, EvaluationResult::accuracy);
        Map<String, RankCorrelation> out = new LinkedHashMap<>();
        for (String subject : subjects()) {
            ToDoubleFunction<EvaluationResult> value = switch (subject) {
                case "trainable_params" -> r -> r.trainableParams();
                case "macs" -> r -> r.macs();
                default -> r -> r.proxy(subject);
            };
            out.put(subject, RankCorrelation.of(values(results, value), accuracy));
        }
        return out;
    }

    private static double[] values(List<EvaluationResult> results, ToDoubleFunction<EvaluationResult> f) {
        return results.stream().mapToDouble(f).toArray();
    }

    private static List<Map<String, Object>> correlationRows(Map<String, RankCorrelation> correlations) {
        List<Map<String, Object>> rows = new ArrayList<>();
        correlations.forEach((subject, c) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("proxy", subject);
            row.put("kendall_tau", c.kendallTau());
            row.put("spearman_rho", c.spearmanRho());
            row.put("n", c.n());
            rows.add(row);
        });
        return rows;
    }

    /** The correlation table as people read it, with what the numbers were computed on. */
    static String summary(String runId, SweepConfig config, int candidates, int dropped,
                                 Map<String, RankCorrelation> correlations) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "proxy study %s%n", runId));
        s.append(String.format(Locale.ROOT, "space '%s' (%s points), %d candidates, %d dropped (failed or without "
                        + "accuracy)%n", config.space().type(), config.space().size(), candidates, dropped));
        s.append(String.format(Locale.ROOT, "accuracy: validation on %d images after %d epoch(s) on %d images; "
                        + "proxies on one minibatch of %d at initialisation%n%n", config.data().validationSamples(),
                config.training().epochs(), config.data().trainSamples(), ProxySettings.all().batchSize()));
        s.append(String.format(Locale.ROOT, "%-18s %12s %13s %5s%n", "proxy", "kendall_tau", "spearman_rho", "n"));
        correlations.forEach((subject, c) -> s.append(String.format(Locale.ROOT, "%-18s %12.3f %13.3f %5d%n",
                subject, c.kendallTau(), c.spearmanRho(), c.n())));
        s.append(String.format(Locale.ROOT, "%nsynflow is ln Σ|θ ⊙ ∂R/∂θ|; naswot is -Infinity for a singular kernel; "
                + "trainable_params and macs are of the deployed form%n"));
        return s.toString();
    }

    private static List<String> columns() {
        List<String> c = new ArrayList<>(List.of("candidate_id", "choices", "status", "error", "accuracy"));
        c.addAll(ProxyKind.names());
        c.addAll(List.of("trainable_params", "macs", "seed"));
        return List.copyOf(c);
    }
}
