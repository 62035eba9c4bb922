package io.hwnas.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.hwnas.data.FashionMnist;
import io.hwnas.io.Mappers;
import io.hwnas.spark.cli.HwnasCli;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A real sweep on local[2] Spark with real DL4J training on a Fashion-MNIST subset. */
class SweepEndToEndTest {

    static String config(Path out, int candidates) {
        return SmallSweeps.config("e2e", 7, candidates, """
                data: {trainSamples: 600, validationSamples: 300}
                training: {epochs: 1, batchSize: 32, learningRate: 0.003}
                devices: [host-cpu, ethos-u55-128, measured]
                output: %s
                """.formatted(out));
    }

    @Test
    void sweepWritesCompleteResultsFrontsAndProvenance(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.isDirectory(Path.of(FashionMnist.DEFAULT_DIRECTORY)), "Fashion-MNIST not installed");
        Path out = tmp.resolve("runs");
        Path cfg = tmp.resolve("sweep.yaml");
        Files.writeString(cfg, config(out, 6));
        int code = HwnasCli.execute("sweep", "--master", "local[2]", cfg.toString());
        assertEquals(0, code);
        List<Path> runs;
        try (Stream<Path> s = Files.list(out)) {
            runs = s.toList();
        }
        assertEquals(1, runs.size(), "exactly the published run directory, no staging left: " + runs);
        Path run = runs.get(0);
        assertTrue(run.getFileName().toString().startsWith("e2e-") && run.getFileName().toString().endsWith("-s7"));
        for (String f : List.of("results.csv", "run.json", "pareto-host-cpu.csv", "pareto-ethos-u55-128.csv",
                "pareto-measured.csv", "pareto-macs.csv", "pareto-search.csv", "hypervolume.csv",
                "results.parquet/_SUCCESS")) {
            assertTrue(Files.exists(run.resolve(f)), f);
        }
        List<Map<String, String>> rows = readCsv(run.resolve("results.csv"));
        assertEquals(6, rows.size());
        assertEquals(6, rows.stream().map(r -> r.get("fingerprint")).distinct().count());
        for (Map<String, String> r : rows) {
            assertEquals("ok", r.get("status"), r.get("error"));
            double acc = Double.parseDouble(r.get("accuracy"));
            assertTrue(acc > 0.1 && acc <= 1.0, "accuracy " + acc);
            assertTrue(Double.parseDouble(r.get("fps_ethos_u55_128")) > 0);
            assertTrue(Double.parseDouble(r.get("fps_measured")) > 0, "measured mode timed real DL4J inference");
            assertTrue(Long.parseLong(r.get("macs")) > 0);
        }
        for (String device : List.of("host-cpu", "ethos-u55-128", "measured")) {
            Set<String> expected = bruteForceFront(rows, "fps_" + device.replace('-', '_'));
            Set<String> written = new HashSet<>();
            readCsv(run.resolve("pareto-" + device + ".csv")).forEach(r -> written.add(r.get("candidate_id")));
            assertEquals(expected, written, "front on " + device);
        }
        // the default goal is accuracy vs FPS on the first device, hypervolume against (0, 0)
        Set<String> searchFront = new HashSet<>();
        readCsv(run.resolve("pareto-search.csv")).forEach(r -> searchFront.add(r.get("candidate_id")));
        assertEquals(bruteForceFront(rows, "fps_host_cpu"), searchFront);
        List<Map<String, String>> batches = readCsv(run.resolve("hypervolume.csv"));
        assertEquals(1, batches.size(), "random search without a batch size is one batch");
        double hv = staircaseArea(rows.stream().filter(r -> searchFront.contains(r.get("candidate_id"))).toList(),
                "fps_host_cpu");
        assertEquals(hv, d(batches.get(0), "hypervolume"), 1e-9 * hv);
        JsonNode prov = Mappers.json().readTree(run.resolve("run.json").toFile());
        assertEquals(hv, prov.get("finalHypervolume").asDouble(), 1e-9 * hv);
        assertEquals(7, prov.get("seed").asLong());
        assertEquals("local[2]", prov.get("sparkMaster").asText());
        assertEquals(6, prov.get("counts").get("ok").asLong());
        assertEquals("activation", prov.get("config").get("space").get("type").asText());
        assertFalse(prov.get("build").get("dl4jVersion").asText().contains("${"));
        assertTrue(prov.get("configText").asText().contains("candidates: 6"));
        try (SparkSession spark = Sessions.create("check", "local[1]")) {
            assertEquals(6, spark.read().parquet(run.resolve("results.parquet").toString()).count());
        }
    }

    /**
     * Successive halving on real training: 4 points on 150 images, the better 2 by Pareto rank on
     * 300; every rung is a batch with its own hypervolume, and fronts use the final rung only.
     */
    @Test
    void successiveHalvingTrainsRungsAtGrowingFidelity(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.isDirectory(Path.of(FashionMnist.DEFAULT_DIRECTORY)), "Fashion-MNIST not installed");
        Path out = tmp.resolve("runs");
        Path cfg = tmp.resolve("sh.yaml");
        Files.writeString(cfg, config(out, 6).replace("candidates: 6", """
                search:
                  evaluations: 6
                  strategy: {type: successive-halving, candidates: 4, eta: 2, rungs: 2, minTrainSamples: 150}
                  objectives: [{maximize: accuracy}, {minimize: latency_ms_ethos_u55_128}]
                  reference: {latency_ms_ethos_u55_128: 5.0}"""));
        assertEquals(0, HwnasCli.execute("sweep", "--master", "local[2]", cfg.toString()));
        Path run;
        try (Stream<Path> s = Files.list(out)) {
            run = s.findFirst().orElseThrow();
        }
        List<Map<String, String>> rows = readCsv(run.resolve("results.csv"));
        assertEquals(List.of("150", "150", "150", "150", "300", "300"), rows.stream().map(r -> r.get("train_samples")).toList());
        Set<String> promoted = new HashSet<>(rows.subList(4, 6).stream().map(r -> r.get("fingerprint")).toList());
        assertTrue(rows.subList(0, 4).stream().map(r -> r.get("fingerprint")).toList().containsAll(promoted));
        assertEquals(2, readCsv(run.resolve("hypervolume.csv")).size());
        for (Map<String, String> f : readCsv(run.resolve("pareto-search.csv"))) {
            assertTrue(Integer.parseInt(f.get("candidate_id")) >= 4 || !promoted.contains(f.get("fingerprint")),
                    "a promoted point is on the front with its final-rung result: " + f);
        }
    }

    /** Area between a front (accuracy, FPS, both maximised) and the origin. */
    private static double staircaseArea(List<Map<String, String>> front, String fpsColumn) {
        List<Map<String, String>> byAccuracy = new java.util.ArrayList<>(front);
        byAccuracy.sort(java.util.Comparator.comparingDouble(r -> -d(r, "accuracy")));
        double area = 0;
        double fps = 0;
        for (Map<String, String> r : byAccuracy) {
            area += d(r, "accuracy") * (d(r, fpsColumn) - fps);
            fps = d(r, fpsColumn);
        }
        return area;
    }

    private static Set<String> bruteForceFront(List<Map<String, String>> rows, String fpsColumn) {
        Set<String> front = new HashSet<>();
        for (Map<String, String> a : rows) {
            boolean dominated = false;
            for (Map<String, String> b : rows) {
                double aa = d(a, "accuracy"), af = d(a, fpsColumn), ba = d(b, "accuracy"), bf = d(b, fpsColumn);
                if (ba >= aa && bf >= af && (ba > aa || bf > af)) {
                    dominated = true;
                }
            }
            if (!dominated) {
                front.add(a.get("candidate_id"));
            }
        }
        return front;
    }

    private static double d(Map<String, String> r, String k) {
        return Double.parseDouble(r.get(k));
    }

    static List<Map<String, String>> readCsv(Path file) throws Exception {
        try (MappingIterator<Map<String, String>> it = Mappers.csv().readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(file.toFile())) {
            return it.readAll();
        }
    }
}
