package io.hwnas.tabular;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hwnas.eval.Candidate;
import io.hwnas.eval.EvaluationResult;
import io.hwnas.hw.spec.CostModels;
import io.hwnas.io.Mappers;
import io.hwnas.space.Choice;
import io.hwnas.space.SearchSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * examples/tabular.yaml describes the table examples/tabular/activation-cnn.csv, which is what the
 * generator writes for examples/tabular/activation-cnn.space.yaml today. When a cost model changes
 * on purpose, regenerate it by running this test with {@code -Dhwnas.regenerateExamples=true}.
 */
class TabularExampleTest {
    private static final Path EXAMPLES = Path.of("..", "examples");
    private static final Path TABLE = EXAMPLES.resolve("tabular/activation-cnn.csv");
    private static final List<String> DEVICES = List.of("ethos-u55-128", "host-cpu");

    private static final ObjectMapper YAML = Mappers.strictYaml();

    @Test
    void exampleTableIsTheGeneratorsOutputForTheExampleSpace(@TempDir Path dir) throws Exception {
        SearchSpace source = YAML.readValue(EXAMPLES.resolve("tabular/activation-cnn.space.yaml").toFile(),
                SearchSpace.class);
        JsonNode config = YAML.readTree(EXAMPLES.resolve("tabular.yaml").toFile());
        TabularSpace tabular = YAML.treeToValue(config.get("space"), TabularSpace.class);
        assertEquals(source.dimensions(), tabular.dimensions(), "tabular.yaml declares the generated space's dimensions");
        assertEquals(TABLE.normalize(), tabular.relativeTo(EXAMPLES).lookupTable().normalize(),
                "tabular.yaml names the table relative to itself");
        List<String> devices = new ArrayList<>();
        config.get("devices").forEach(d -> devices.add(d.asText()));
        assertEquals(DEVICES, devices);

        boolean regenerate = Boolean.getBoolean("hwnas.regenerateExamples");
        Path fresh = regenerate ? TABLE : dir.resolve("fresh.csv");
        TabularTableGenerator.Summary summary = TabularTableGenerator.costOnly(
                DEVICES.stream().map(CostModels::resolve).toList()).write(source, fresh, 2000, 42);
        if (regenerate) {
            LoggerFactory.getLogger(TabularExampleTest.class).info("regenerated {} ({} rows)", TABLE, summary.rows());
        }
        assertEquals(Files.readString(fresh), Files.readString(TABLE),
                "the example table is stale; regenerate it with -Dhwnas.regenerateExamples=true");

        TabularEvaluator eval = TabularEvaluator.load(tabular, TABLE, DEVICES);
        assertEquals(source.size().intValueExact(), eval.size(), "every point of the space is in the table");
        List<Candidate> all = new ArrayList<>();
        int id = 0;
        for (Iterator<Choice> it = tabular.enumerate(); it.hasNext(); id++) {
            all.add(Candidate.of(tabular, it.next(), id, 0, 42));
        }
        List<EvaluationResult> results = eval.evaluate(all);
        assertTrue(results.stream().allMatch(EvaluationResult::ok));
        assertTrue(results.stream().map(r -> r.device("ethos-u55-128").latencyMs()).distinct().count() > 100,
                "the table discriminates points by NPU latency");
    }
}
