package io.hwnas.spark.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hwnas.io.Mappers;
import io.hwnas.io.StrictYaml;
import io.hwnas.space.Choice;
import io.hwnas.space.SearchSpace;
import io.hwnas.spark.config.SweepConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Run directories written by hand for the commands that read a run, and the check of a refusal. */
final class PublishedRuns {

    /** A small activation space; {@code NAME} is replaced by the run's config name. */
    static final String CONFIG = """
            name: NAME
            seed: 3
            candidates: 2
            space:
              type: activation
              input: {channels: 1, height: 28, width: 28}
              stages:
                - {channels: 8, convs: 1, kernel: 3, pool: max}
              head: flatten
              activations: [relu, silu]
              widthMultipliers: [1.0]
            devices: [host-cpu]
            output: runs
            """;

    private PublishedRuns() {
    }

    /**
     * A published run under {@code tmp/runs} with only run.json (recording {@code configText}) and a
     * search front holding {@link #CONFIG}'s baseline as candidate 1.
     */
    static Path withBaselineFront(Path tmp, String runId, String configText) throws Exception {
        Path run = Files.createDirectories(tmp.resolve("runs").resolve(runId));
        ObjectMapper json = Mappers.json();
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("runId", runId);
        provenance.put("seed", 3);
        provenance.put("configText", configText);
        Files.writeString(run.resolve("run.json"), json.writeValueAsString(provenance));
        SearchSpace space = StrictYaml.read(CONFIG, SweepConfig.class, "test").space();
        Choice baseline = space.baseline();
        String choices = json.writeValueAsString(new TreeMap<>(space.describe(baseline)));
        Files.writeString(run.resolve("pareto-search.csv"), "candidate_id,fingerprint,choices,accuracy\n1,"
                + space.decode(baseline).fingerprint() + ",\"" + choices.replace("\"", "\"\"") + "\",0.5\n");
        return run;
    }

    /** Exit code 2 with one line on stderr holding every fragment. */
    static void assertRefused(CostCommandsTest.Run r, String... fragments) {
        assertEquals(HwnasCli.BAD_INPUT, r.code(), r.out() + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        for (String f : fragments) {
            assertTrue(r.err().contains(f), "'" + f + "' missing from: " + r.err());
        }
    }
}
