package io.hwnas.spark.cli;

import io.hwnas.io.Mappers;
import io.hwnas.spark.store.Csv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code hwnas table}: an exhaustive sweep's results become a table, and a tabular sweep over that table finds
 * in it exactly what the real sweep measured.
 */
class TableCommandTest {

    @TempDir
    Path tmp;

    @Test
    void anExhaustiveSweepTabulatedIsSweptAgainAsATable() throws Exception {
        Path config = tmp.resolve("real.yaml");
        Files.writeString(config, """
                name: real
                seed: 3
                space:
                  type: activation
                  input: {channels: 1, height: 28, width: 28}
                  stages:
                    - {channels: 8, convs: 1, kernel: 3, pool: max}
                  head: flatten
                  activations: [relu, silu]
                  widthMultipliers: [0.5, 1.0]
                training: {epochs: 0}
                search:
                  evaluations: 4
                  strategy: {type: exhaustive}
                  objectives: [{minimize: macs}, {minimize: latency_ms_host_cpu}]
                  reference: {macs: 1.0e9, latency_ms_host_cpu: 1000}
                devices: [host-cpu]
                output: %s
                """.formatted(tmp.resolve("runs")));
        CostCommandsTest.Run sweep = CostCommandsTest.run("sweep", "--master", "local[1]", config.toString());
        assertEquals(0, sweep.code(), sweep.out() + sweep.err());
        Path run = onlyRun(tmp.resolve("runs"));

        Path table = tmp.resolve("tables/real.csv");
        Files.createDirectories(table.getParent());
        CostCommandsTest.Run tab = CostCommandsTest.run("table", run.toString(), "--out", table.toString());
        assertEquals(0, tab.code(), tab.err());
        assertTrue(tab.out().contains("(4 points, 0 failed evaluations left out)"), tab.out());
        assertTrue(tab.out().contains("dimensions: act.s0.c0, width.s0"), tab.out());
        List<Map<String, String>> rows = Csv.read(Files.readString(table));
        assertEquals(4, rows.size());
        assertEquals(List.of("act.s0.c0", "width.s0", "macs"), List.copyOf(rows.get(0).keySet()).subList(0, 3),
                "the dimensions, then the metrics: accuracy, which a cost-only run has none of, is left out");

        Path tabular = tmp.resolve("tabular.yaml");
        Files.writeString(tabular, """
                name: again
                seed: 5
                space:
                  type: tabular
                  table: tables/real.csv
                  dimensions:
                    - {name: act.s0.c0, options: [relu, silu]}
                    - {name: width.s0, options: ['0.5', '1.0']}
                search:
                  evaluations: 4
                  strategy: {type: exhaustive}
                  objectives: [{minimize: macs}, {minimize: latency_ms_host_cpu}]
                  reference: {macs: 1.0e9, latency_ms_host_cpu: 1000}
                devices: [host-cpu]
                output: %s
                """.formatted(tmp.resolve("again")));
        CostCommandsTest.Run again = CostCommandsTest.run("sweep", "--master", "local[1]", tabular.toString());
        assertEquals(0, again.code(), again.out() + again.err());
        Map<String, Map<String, String>> measured = byChoices(Csv.read(Files.readString(run.resolve("results.csv"))));
        Map<String, Map<String, String>> looked = byChoices(Csv.read(Files.readString(
                onlyRun(tmp.resolve("again")).resolve("results.csv"))));
        assertEquals(measured.keySet(), looked.keySet());
        for (String point : measured.keySet()) {
            for (String column : List.of("macs", "trainable_params", "latency_ms_host_cpu", "fps_host_cpu")) {
                assertEquals(measured.get(point).get(column), looked.get(point).get(column), point + " " + column);
            }
        }
    }

    @Test
    void refusalsAreOneLineAndWriteNothing() throws Exception {
        Path out = tmp.resolve("t.csv");
        CliErrorsTest.assertOneLine(CostCommandsTest.run("table", tmp.resolve("nope").toString(), "--out",
                out.toString()), HwnasCli.BAD_INPUT, "RUN_DIR", "does not exist");
        Path run = Files.createDirectories(tmp.resolve("runs/r-1"));
        Files.writeString(run.resolve("run.json"), Mappers.json().writeValueAsString(Map.of("runId", "r-1", "seed", 1,
                "configText", "name: r")));
        String header = "candidate_id,generation,fingerprint,choices,status,error,accuracy,macs,seed,worker\n";
        Files.writeString(run.resolve("results.csv"), header
                + "0,0,a,\"{\"\"act\"\":\"\"relu\"\"}\",ok,,0.8,100,1,w\n"
                + "1,0,a,\"{\"\"act\"\":\"\"relu\"\"}\",ok,,0.7,100,1,w\n");
        CliErrorsTest.assertOneLine(CostCommandsTest.run("table", run.toString(), "--out", out.toString()),
                HwnasCli.BAD_INPUT, "results.csv line 3", "{act=relu}", "already evaluated on line 2");
        CliErrorsTest.assertOneLine(CostCommandsTest.run("table", run.toString()), HwnasCli.BAD_INPUT, "--out");
        assertFalse(Files.exists(out), "nothing written");
    }

    private static Map<String, Map<String, String>> byChoices(List<Map<String, String>> rows) throws Exception {
        Map<String, Map<String, String>> out = new HashMap<>();
        for (Map<String, String> r : rows) {
            out.put(new TreeMap<>(Mappers.json().readValue(r.get("choices"), Map.class)).toString(), r);
        }
        return out;
    }

    private static Path onlyRun(Path dir) throws Exception {
        try (Stream<Path> runs = Files.list(dir)) {
            List<Path> all = runs.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
            assertEquals(1, all.size(), all.toString());
            return all.get(0);
        }
    }
}
