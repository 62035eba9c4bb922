package io.hwnas.spark.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureCounts;
import io.hwnas.arch.ArchitectureJson;
import io.hwnas.arch.zoo.ReferenceNetworks;
import io.hwnas.cost.CostReport;
import io.hwnas.hw.spec.CostModels;
import io.hwnas.hw.DeviceProfile;
import io.hwnas.hw.DeviceProfiles;
import io.hwnas.io.Mappers;
import io.hwnas.io.StrictYaml;
import io.hwnas.space.Choice;
import io.hwnas.space.Dimension;
import io.hwnas.space.SearchSpace;
import io.hwnas.space.SpaceHelp;
import io.hwnas.space.SpaceKind;
import io.hwnas.space.SpaceKinds;
import io.hwnas.spark.config.SweepConfig;
import io.hwnas.spark.store.Csv;
import io.hwnas.transform.Collapse;
import io.hwnas.transform.CollapseResult;
import io.hwnas.transform.Rewrite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static io.hwnas.spark.cli.CostCommandsTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --format json|csv} on estimate, collapse, devices, zoo and spaces: the values of the text output and of the
 * API underneath, one JSON object and one CSV line per item, the CSV's header being the JSON's field names.
 */
class FormatOptionTest {

    @TempDir
    Path tmp;

    @Test
    void devicesAreTheBundledProfilesInBaseUnits() {
        JsonNode rows = json("devices", "--format", "json");
        List<String> ids = DeviceProfiles.knownIds();
        assertEquals(ids.size(), rows.size());
        for (int i = 0; i < ids.size(); i++) {
            DeviceProfile p = DeviceProfiles.load(ids.get(i));
            JsonNode d = rows.get(i);
            assertEquals(ids.get(i), d.get("id").asText());
            assertEquals(p.kind().id(), d.get("kind").asText());
            assertEquals(p.dataType().id(), d.get("data_type").asText());
            assertTrue(d.get("peak_macs_per_second").isNumber(), d.toString());
            assertEquals(p.peakMacsPerSecond(), d.get("peak_macs_per_second").doubleValue());
            assertEquals(p.memory().bandwidthBytesPerSecond(), d.get("memory_bandwidth_bytes_per_second").doubleValue());
            assertEquals(p.memory().onChipBytes(), d.get("on_chip_memory_bytes").longValue());
            assertEquals(p.description(), d.get("description").asText());
        }
        assertSameRows(rows, csv("devices", "--format", "csv"));
    }

    @Test
    void zooRowsCarryTheTextTablesCounts() {
        JsonNode rows = json("zoo", "--format", "json");
        List<String> text = run("zoo").out().lines().skip(1).toList();
        assertEquals(ReferenceNetworks.names().size(), rows.size());
        assertEquals(text.size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            JsonNode n = rows.get(i);
            String[] cells = text.get(i).strip().split("\\s+");
            assertEquals(cells[0], n.get("name").asText());
            assertEquals(cells[1], n.get("input").asText());
            // text columns: MACs, params, deployed MACs, deployed params
            assertEquals(digits(cells[2]), n.get("training_macs").longValue(), cells[0]);
            assertEquals(digits(cells[3]), n.get("training_params").longValue(), cells[0]);
            assertEquals(digits(cells[4]), n.get("macs").longValue(), cells[0]);
            assertEquals(digits(cells[5]), n.get("trainable_params").longValue(), cells[0]);
        }
        assertSameRows(rows, csv("zoo", "--format", "csv"));
    }

    @Test
    void estimateIsOneRowPerDeviceWithItsLayers() {
        Architecture arch = ReferenceNetworks.byName("mobilenet_v2_mini");
        ArchitectureCounts counts = ArchitectureCounts.of(arch);
        List<String> devices = List.of("host-cpu", "ethos-u55-128");
        JsonNode rows = json("estimate", "mobilenet_v2_mini", "-d", devices.get(0), "-d", devices.get(1),
                "--format", "json");
        assertEquals(devices.size(), rows.size());
        List<String> totals = run("estimate", "mobilenet_v2_mini", "-d", devices.get(0), "-d", devices.get(1))
                .out().lines().filter(l -> l.contains("total:")).toList();
        for (int i = 0; i < devices.size(); i++) {
            JsonNode r = rows.get(i);
            CostReport expected = CostModels.resolve(devices.get(i)).estimate(arch);
            assertEquals("mobilenet_v2_mini", r.get("network").asText());
            assertEquals(arch.nodes().size(), r.get("training_nodes").intValue());
            assertEquals(counts.macs(), r.get("training_macs").longValue());
            assertEquals(counts.trainableParams(), r.get("training_params").longValue());
            assertFalse(r.get("deployed").booleanValue());
            assertEquals(counts.macs(), r.get("macs").longValue(), "without --deploy the net as given is estimated");
            assertEquals(expected.device(), r.get("device").asText());
            assertEquals(expected.latencyMs(), r.get("latency_ms").doubleValue());
            assertEquals(expected.fps(), r.get("fps").doubleValue());
            assertEquals(expected.peakMemoryBytes(), r.get("peak_memory_bytes").longValue());
            assertEquals(expected.fitsOnChip(), r.get("fits_on_chip").booleanValue());
            assertTrue(totals.get(i).contains(String.format("total: %.3f ms, %.1f FPS", r.get("latency_ms").doubleValue(),
                    r.get("fps").doubleValue())), totals.get(i));
            JsonNode layers = r.get("layers");
            assertEquals(expected.layers().size(), layers.size());
            for (int j = 0; j < layers.size(); j++) {
                assertEquals(expected.layers().get(j).nodeId(), layers.get(j).get("node").asText());
                assertEquals(expected.layers().get(j).bound(), layers.get(j).get("bound").asText());
                assertEquals(expected.layers().get(j).latencySeconds() * 1e6, layers.get(j).get("latency_us").doubleValue());
            }
        }
        List<Map<String, String>> csv = csv("estimate", "mobilenet_v2_mini", "-d", devices.get(0), "-d",
                devices.get(1), "--format", "csv");
        assertSameRows(rows, csv);
        assertEquals(rows.get(1).get("layers"), tree(csv.get(1).get("layers")), "a list cell is the list's JSON");
    }

    @Test
    void estimateOfTheDeployedFormWithTotalsOnly() {
        Architecture arch = ReferenceNetworks.byName("resnet18_mini");
        CollapseResult deployed = Collapse.deployment().apply(arch);
        JsonNode r = single(json("estimate", "resnet18_mini", "-d", "cortex-m7", "--deploy", "--totals-only",
                "--format", "json"));
        assertTrue(r.get("deployed").booleanValue());
        assertEquals(deployed.applied().size(), r.get("rewrite_count").intValue());
        assertEquals(deployed.architecture().nodes().size(), r.get("nodes").intValue());
        assertEquals(ArchitectureCounts.of(deployed.architecture()).trainableParams(), r.get("trainable_params").longValue());
        assertEquals(ArchitectureCounts.of(arch).trainableParams(), r.get("training_params").longValue());
        assertEquals(CostModels.resolve("cortex-m7").estimate(deployed.architecture()).latencyMs(),
                r.get("latency_ms").doubleValue());
        assertEquals(0, r.get("layers").size(), "--totals-only");
        List<Map<String, String>> csv = csv("estimate", "resnet18_mini", "-d", "cortex-m7", "--deploy", "--totals-only",
                "--format", "csv");
        assertEquals(1, csv.size());
        assertEquals("[]", csv.get(0).get("layers"));
    }

    @Test
    void collapseIsOneRowWithTheRewritesAndTheCheck() throws Exception {
        Architecture arch = ReferenceNetworks.byName("mobilenet_v2_mini");
        CollapseResult expected = Collapse.deployment().apply(arch);
        Path out = tmp.resolve("deployed.json");
        CostCommandsTest.Run r = run("collapse", "mobilenet_v2_mini", "--check-batch", "2", "--out", out.toString(),
                "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode c = single(tree(r.out()));
        assertEquals("deployment", c.get("policy").asText());
        assertEquals(expected.applied().size(), c.get("rewrites").size());
        for (int i = 0; i < expected.applied().size(); i++) {
            Rewrite w = expected.applied().get(i);
            JsonNode j = c.get("rewrites").get(i);
            assertEquals(List.of(w.transform(), w.at(), w.detail()),
                    List.of(j.get("transform").asText(), j.get("at").asText(), j.get("detail").asText()));
        }
        assertEquals(expected.refusals().size(), c.get("refusals").size());
        assertEquals(arch.nodes().size(), c.get("training_nodes").intValue());
        assertEquals(expected.architecture().nodes().size(), c.get("nodes").intValue());
        assertEquals(ArchitectureCounts.of(expected.architecture()).macs(), c.get("macs").longValue());
        assertEquals(ArchitectureJson.read(out).fingerprint(), c.get("fingerprint").asText(), "the file is written");
        assertEquals("passed", c.get("check").asText());
        assertEquals(2, c.get("check_inputs").intValue());
        assertEquals(42, c.get("check_seed").longValue());
        assertTrue(c.get("max_abs_diff").doubleValue() < c.get("tolerance").doubleValue(), c.toString());
        String text = run("collapse", "mobilenet_v2_mini", "--check-batch", "2").out();
        assertTrue(text.contains(String.format(Locale.ROOT, "max |Δ| = %.3g at '%s' over %d shared vertices",
                c.get("max_abs_diff").doubleValue(), c.get("worst_vertex").asText(), c.get("shared_vertices").intValue())),
                text);

        JsonNode skipped = single(json("collapse", "mobilenet_v2_mini", "--check-batch", "0", "--format", "json"));
        assertEquals("skipped", skipped.get("check").asText());
        assertFalse(skipped.has("max_abs_diff") || skipped.has("check_seed"), "left out, not null: " + skipped);
        List<Map<String, String>> csv = csv("collapse", "mobilenet_v2_mini", "--check-batch", "0", "--format", "csv");
        assertSameRows(skipped, csv);
        assertEquals("", csv.get(0).get("max_abs_diff"));
    }

    @Test
    void spacesListsTheTypesAndOneType() {
        JsonNode rows = json("spaces", "--format", "json");
        List<SpaceKind> kinds = SpaceKinds.all();
        assertEquals(kinds.size(), rows.size());
        for (int i = 0; i < kinds.size(); i++) {
            SpaceHelp t = kinds.get(i).help();
            JsonNode j = rows.get(i);
            assertEquals(kinds.get(i).type(), j.get("type").asText());
            assertEquals(t.summary(), j.get("summary").asText());
            assertEquals(t.details(), strings(j.get("details")));
            Map<String, String> keys = new LinkedHashMap<>();
            j.get("keys").fields().forEachRemaining(e -> keys.put(e.getKey(), e.getValue().asText()));
            assertEquals(List.copyOf(t.keys().entrySet()), List.copyOf(keys.entrySet()), "keys in order");
            assertEquals(t.example(), j.get("example").asText());
        }
        assertSameRows(rows, csv("spaces", "--format", "csv"));
        JsonNode one = single(json("spaces", "repnas", "--format", "json"));
        assertEquals(rows.get(SpaceKinds.types().indexOf("repnas")), one);
    }

    @Test
    void spacesOfAConfigHasItsDimensionsSizeAndBaseline() throws Exception {
        Path ranI = CliErrorsTest.repoFile("examples/ran-i.yaml");
        SearchSpace space = StrictYaml.read(Files.readString(ranI), SweepConfig.class, "r").space();
        JsonNode c = single(json("spaces", "--config", ranI.toString(), "--format", "json"));
        assertEquals(space.type(), c.get("type").asText());
        List<String> names = new ArrayList<>();
        c.get("dimensions").fieldNames().forEachRemaining(names::add);
        assertEquals(space.dimensions().stream().map(Dimension::name).toList(), names);
        for (Dimension d : space.dimensions()) {
            assertEquals(d.options(), strings(c.get("dimensions").get(d.name())));
        }
        assertEquals(space.size(), c.get("grid_size").bigIntegerValue());
        long admissible = 0;
        for (Iterator<Choice> it = space.enumerate(); it.hasNext(); it.next()) {
            admissible++;
        }
        assertEquals(admissible, c.get("admissible").longValue());
        Choice baseline = space.baseline();
        assertEquals(space.describe(baseline).toString(), describe(c.get("baseline")));
        assertEquals(ArchitectureCounts.of(space.deploy(baseline).architecture()).macs(), c.get("macs").longValue());
        assertEquals(ArchitectureCounts.of(space.decode(baseline)).macs(), c.get("training_macs").longValue());

        Path tabular = CliErrorsTest.repoFile("examples/tabular.yaml");
        JsonNode t = single(json("spaces", "--config", tabular.toString(), "--format", "json"));
        assertFalse(t.has("baseline") || t.has("macs"), "no networks, no baseline: " + t);
        List<Map<String, String>> csv = csv("spaces", "--config", tabular.toString(), "--format", "csv");
        assertSameRows(t, csv);
        assertEquals("", csv.get(0).get("baseline"));
    }

    @Test
    void anUnknownFormatIsOneLineAndExitTwo() {
        for (List<String> command : List.of(List.of("devices"), List.of("zoo"), List.of("spaces"),
                List.of("estimate", "resnet18_mini", "-d", "host-cpu"), List.of("collapse", "resnet18_mini"))) {
            String[] args = Stream.concat(command.stream(), Stream.of("--format", "xml")).toArray(String[]::new);
            CostCommandsTest.Run r = run(args);
            CliErrorsTest.assertOneLine(r, HwnasCli.BAD_INPUT, "'--format'", "'xml'", "text, json, csv");
            assertEquals("", r.out(), command.toString());
        }
    }

    @Test
    void onlyOutputRowsAreWritten() {
        record Plain(String name) {
        }
        assertThrows(IllegalArgumentException.class, () -> Rows.json(Plain.class, List.of(new Plain("x"))));
    }

    // ---- helpers

    private static JsonNode json(String... args) {
        CostCommandsTest.Run r = run(args);
        assertEquals(0, r.code(), r.err());
        JsonNode rows = tree(r.out());
        assertTrue(rows.isArray(), r.out());
        return rows;
    }

    private static List<Map<String, String>> csv(String... args) {
        CostCommandsTest.Run r = run(args);
        assertEquals(0, r.code(), r.err());
        return Csv.read(r.out());
    }

    private static JsonNode tree(String json) {
        try {
            return Mappers.json().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode single(JsonNode rows) {
        assertEquals(1, rows.size(), rows.toString());
        return rows.get(0);
    }

    /**
     * The CSV has a line per JSON row, a header naming every field in the JSON's order (fields the JSON leaves out
     * are empty cells), and the same values: scalars as their text, lists and objects as their JSON.
     */
    private static void assertSameRows(JsonNode json, List<Map<String, String>> csv) {
        JsonNode rows = json.isArray() ? json : Mappers.json().createArrayNode().add(json);
        assertEquals(rows.size(), csv.size());
        for (int i = 0; i < rows.size(); i++) {
            List<String> present = new ArrayList<>();
            rows.get(i).fieldNames().forEachRemaining(present::add);
            List<String> header = new ArrayList<>(csv.get(i).keySet());
            assertEquals(present, header.stream().filter(present::contains).toList(), "same fields, same order");
            for (String column : header) {
                JsonNode v = rows.get(i).get(column);
                String cell = csv.get(i).get(column);
                if (v == null) {
                    assertEquals("", cell, column);
                } else if (v.isContainerNode()) {
                    assertEquals(v, tree(cell), column);
                } else {
                    assertEquals(v.asText(), cell, column);
                }
            }
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    /** An object of strings as Java prints a map: {a=x, b=y}. */
    private static String describe(JsonNode object) {
        Map<String, String> m = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
        return m.toString();
    }

    private static long digits(String grouped) {
        return Long.parseLong(grouped.replaceAll("[^0-9]", ""));
    }
}
