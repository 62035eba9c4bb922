package io.hwnas.spark.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * What run.json records so any result can be traced and re-run: the full config (as written and as
 * understood), the seed, the code and library versions, where and when it ran, the counts, and the
 * hypervolume reached with the reference it was measured against (searches only; null otherwise).
 */
public record RunProvenance(int format, String runId, String name, long seed, String configSource, String configText,
                            JsonNode config, BuildInfo build, String javaVersion, String host, String sparkMaster,
                            String sparkAppId, String startedAt, String finishedAt, String spaceSize,
                            Map<String, Long> counts,
                            @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Double> hypervolumeReference,
                            @JsonInclude(JsonInclude.Include.NON_NULL) Double finalHypervolume) {

    /** Version of the run-directory layout; bumped when files or columns change incompatibly. */
    public static final int FORMAT = 2;
}
