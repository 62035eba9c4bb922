package io.hwnas.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hwnas.cost.CostModel;
import io.hwnas.eval.Candidate;
import io.hwnas.eval.CandidateEvaluator;
import io.hwnas.eval.EvaluationResult;
import io.hwnas.hw.CostModels;
import io.hwnas.proxy.ProxySettings;
import io.hwnas.space.Choice;
import io.hwnas.space.Sampling;
import io.hwnas.spark.config.SweepConfig;
import io.hwnas.spark.store.BuildInfo;
import io.hwnas.spark.store.FrontDefinition;
import io.hwnas.spark.store.ResultStore;
import io.hwnas.eval.ResultTable;
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
 * One sweep: sample candidates from the space, evaluate them on Spark in batches, keep the Pareto
 * fronts (accuracy vs FPS per device, accuracy vs MACs) and publish the run directory.
 */
public final class SweepJob {
    private static final Logger LOG = LoggerFactory.getLogger(SweepJob.class);
    private static final DateTimeFormatter RUN_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    /** A finished sweep: where it was written, every result and each front's rows. */
    public record Outcome(URI runDirectory, List<EvaluationResult> results,
                          Map<FrontDefinition, List<Map<String, Object>>> fronts) {
    }

    private SweepJob() {
    }

    public static List<Candidate> candidates(SweepConfig config) {
        List<Choice> choices = Sampling.distinct(config.space(), config.candidates(), config.seed());
        List<Candidate> out = new ArrayList<>(choices.size());
        for (int i = 0; i < choices.size(); i++) {
            out.add(Candidate.of(config.space(), choices.get(i), i, 0, config.seed()));
        }
        return out;
    }

    public static CandidateEvaluator evaluator(SweepConfig config) {
        return new CandidateEvaluator(config.data(), config.training(), ProxySettings.none(), costModels(config));
    }

    /** One cost model per configured device spec (profile, 'measured' or 'lut:FILE'). */
    static List<CostModel> costModels(SweepConfig config) {
        return config.devices().stream().map(CostModels::resolve).toList();
    }

    public static Outcome run(SparkSession spark, SweepConfig config, String configSource, String configText) {
        Instant started = Instant.now();
        String runId = config.name() + "-" + RUN_TIME.format(started) + "-s" + config.seed();
        List<Candidate> candidates = candidates(config);
        LOG.info("sweep {}: {} candidates from a space of {} on devices {}", runId, candidates.size(),
                config.space().size(), config.devices());
        RunDirectory dir = RunDirectory.create(config.output(), runId, spark.sparkContext().hadoopConfiguration());
        try {
            List<CostModel> models = costModels(config);
            // results are keyed by the id each model reports (a profile path's id, a table's device name)
            List<String> devices = models.stream().map(CostModel::device).toList();
            SparkEvaluator evaluator = new SparkEvaluator(JavaSparkContext.fromSparkContext(spark.sparkContext()),
                    new CandidateEvaluator(config.data(), config.training(), ProxySettings.none(), models),
                    config.execution().candidatesPerTask(), config.execution().threadsPerTask());
            List<EvaluationResult> results = evaluateInBatches(evaluator, candidates, config.execution().batchSize(), started);
            ResultTable table = new ResultTable(devices);
            Map<FrontDefinition, List<Map<String, Object>>> fronts = new LinkedHashMap<>();
            FrontDefinition.standard(devices).forEach(f -> fronts.put(f, f.front(results, table)));
            long failed = results.stream().filter(r -> !r.ok()).count();
            Map<String, Long> counts = new LinkedHashMap<>();
            counts.put("candidates", (long) candidates.size());
            counts.put("ok", results.size() - failed);
            counts.put("failed", failed);
            RunProvenance provenance = new RunProvenance(RunProvenance.FORMAT, runId, config.name(), config.seed(),
                    configSource, configText, new ObjectMapper().valueToTree(config), BuildInfo.current(),
                    System.getProperty("java.version"), CandidateEvaluator.hostName(), spark.sparkContext().master(),
                    spark.sparkContext().applicationId(), started.toString(), Instant.now().toString(),
                    config.space().size().toString(), counts);
            URI written = ResultStore.write(spark, dir, results, table, fronts, provenance);
            LOG.info("sweep {} finished: {} ok, {} failed, results in {}", runId, results.size() - failed, failed, written);
            return new Outcome(written, results, fronts);
        } catch (RuntimeException e) {
            dir.abort();
            throw e;
        }
    }

    private static List<EvaluationResult> evaluateInBatches(SparkEvaluator evaluator, List<Candidate> candidates,
                                                            int batchSize, Instant started) {
        int size = batchSize == 0 ? candidates.size() : batchSize;
        List<EvaluationResult> results = new ArrayList<>(candidates.size());
        for (int from = 0; from < candidates.size(); from += size) {
            results.addAll(evaluator.evaluate(candidates.subList(from, Math.min(candidates.size(), from + size))));
            long failed = results.stream().filter(r -> !r.ok()).count();
            double elapsed = (Instant.now().toEpochMilli() - started.toEpochMilli()) / 1e3;
            double eta = elapsed / results.size() * (candidates.size() - results.size());
            LOG.info("progress {}/{} candidates, {} failed, elapsed {}s, ETA {}s", results.size(), candidates.size(),
                    failed, Math.round(elapsed), Math.round(eta));
        }
        return results;
    }
}
