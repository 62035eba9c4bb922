package io.hwnas.spark.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.hwnas.io.Mappers;
import io.hwnas.eval.CandidateEvaluator;
import io.hwnas.spark.config.Redaction;
import org.apache.spark.SparkContext;

import java.time.Instant;
import java.util.Map;

/**
 * What run.json records so any result can be traced and re-run: the full config (as written and as
 * understood), the seed, the code and library versions, where and when it ran, the counts, and the
 * hypervolume reached with the reference it was measured against (searches only; null otherwise). Secret values
 * of the config are redacted ({@link Redaction}).
 */
public record RunProvenance(int format, String runId, String name, long seed, String configSource, String configText,
                            JsonNode config, BuildInfo build, String javaVersion, String host, String sparkMaster,
                            String sparkAppId, String startedAt, String finishedAt, String spaceSize,
                            Map<String, Long> counts,
                            @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Double> hypervolumeReference,
                            @JsonInclude(JsonInclude.Include.NON_NULL) Double finalHypervolume) {

    /** Version of the run-directory layout; bumped when files or columns change incompatibly. */
    public static final int FORMAT = 2;

    /**
     * The provenance of a job finishing now on {@code spark}: build, Java, host and Spark application
     * are filled in here so every job records them alike.
     *
     * @param config the parsed config, recorded as JSON next to its text
     */
    public static RunProvenance of(SparkContext spark, String runId, String name, long seed, String configSource,
                                   String configText, Object config, Instant started, String spaceSize,
                                   Map<String, Long> counts, Map<String, Double> hypervolumeReference,
                                   Double finalHypervolume) {
        // config text and settings are stored with their secrets hidden, as Spark hides them from its logs
        Redaction redaction = Redaction.of(spark.getConf());
        return new RunProvenance(FORMAT, runId, name, seed, configSource, redaction.text(configText),
                redaction.json(Mappers.json().valueToTree(config)), BuildInfo.current(), System.getProperty("java.version"),
                CandidateEvaluator.hostName(), spark.master(), spark.applicationId(), started.toString(),
                Instant.now().toString(), spaceSize, counts, hypervolumeReference, finalHypervolume);
    }
}
