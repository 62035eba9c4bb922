package io.hwnas.spark;

import com.fasterxml.jackson.databind.JsonNode;
import io.hwnas.data.FashionMnist;
import io.hwnas.io.Mappers;
import io.hwnas.spark.cli.HwnasCli;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The driver of a real sweep is killed (SIGKILL) in the middle; `hwnas resume` on its directory
 * evaluates only what the journal lacks, re-evaluates a corrupt batch file, and publishes the same
 * results and front as an uninterrupted run with the same seed.
 */
@Tag("slow") // about 20 s of interrupted and resumed sweeps: left out of `mvn test`, run by scripts/test
class ResumeTest {
    private static final int CANDIDATES = 8;

    static String config(Path out) {
        return SmallSweeps.config("resume", 11, CANDIDATES, """
                data: {trainSamples: 400, validationSamples: 200}
                training: {epochs: 1, batchSize: 32, learningRate: 0.003}
                devices: [ethos-u55-128]
                execution: {batchSize: 2}
                output: %s
                """.formatted(out));
    }

    @Test
    void killedDriverIsResumedToTheSameResults(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.isDirectory(Path.of(FashionMnist.DEFAULT_DIRECTORY)), "Fashion-MNIST not installed");
        Path killedRoot = tmp.resolve("killed");
        Path cfg = tmp.resolve("killed.yaml");
        Files.writeString(cfg, config(killedRoot));
        Process driver = startDriver(cfg, tmp.resolve("driver.log"));
        Path staging;
        try {
            staging = awaitBatchFile(killedRoot, "batch-00001.json", driver, tmp.resolve("driver.log"));
        } finally {
            driver.destroyForcibly();
            driver.waitFor(60, TimeUnit.SECONDS);
        }
        assertTrue(Files.isDirectory(staging), "the killed run keeps its in-progress directory");
        List<Path> batches = batchFiles(staging);
        assertTrue(batches.size() >= 2 && batches.size() < CANDIDATES / 2,
                "killed in the middle: " + batches.size() + " batch files");
        // a batch file cut short (a disk filling up, a copy interrupted) must be detected, not read
        Path last = batches.get(batches.size() - 1);
        byte[] bytes = Files.readAllBytes(last);
        Files.write(last, java.util.Arrays.copyOf(bytes, bytes.length - 20));
        int intact = 2 * (batches.size() - 1);

        // the uninterrupted reference, same config and seed
        Path refRoot = tmp.resolve("reference");
        Path refCfg = tmp.resolve("reference.yaml");
        Files.writeString(refCfg, config(refRoot));
        assertEquals(0, HwnasCli.execute("sweep", "--master", "local[2]", refCfg.toString()));

        assertEquals(0, HwnasCli.execute("resume", "--master", "local[2]", staging.toString()));
        Path resumed = published(killedRoot);
        assertFalse(Files.exists(staging), "the in-progress directory was published");
        assertTrue(Files.exists(resumed.resolve("batches").resolve(last.getFileName() + ".corrupt")),
                "the corrupt batch file is kept aside");
        JsonNode counts = Mappers.json().readTree(resumed.resolve("run.json").toFile()).get("counts");
        assertEquals(intact, counts.get("replayed_from_journal").asInt(), counts.toString());
        assertEquals(CANDIDATES - intact, counts.get("evaluated_now").asInt(), counts.toString());
        assertEquals(CANDIDATES, counts.get("evaluations").asInt());
        assertEquals(CANDIDATES / 2, batchFiles(resumed).size(), "one intact file per batch");

        Path reference = published(refRoot);
        List<Map<String, String>> got = SweepEndToEndTest.readCsv(resumed.resolve("results.csv"));
        assertEquals(CANDIDATES, got.size());
        assertEquals(CANDIDATES, got.stream().map(r -> r.get("candidate_id")).distinct().count(), "each id once");
        assertEquals(comparable(SweepEndToEndTest.readCsv(reference.resolve("results.csv"))), comparable(got));
        assertEquals(comparable(SweepEndToEndTest.readCsv(reference.resolve("pareto-search.csv"))),
                comparable(SweepEndToEndTest.readCsv(resumed.resolve("pareto-search.csv"))));

        assertEquals(HwnasCli.BAD_INPUT, HwnasCli.execute("resume", resumed.toString()), "a complete run is refused");
        assertEquals(HwnasCli.BAD_INPUT, HwnasCli.execute("resume", tmp.resolve("nothing").toString()));
    }

    /** What must not depend on where or when a candidate was evaluated. */
    private static List<String> comparable(List<Map<String, String>> rows) {
        return rows.stream().map(r -> String.join(",", r.get("candidate_id"), r.get("fingerprint"), r.get("seed"),
                r.get("status"), r.get("accuracy"), r.get("loss"), r.get("macs"), r.get("latency_ms_ethos_u55_128")))
                .sorted().toList();
    }

    private static Process startDriver(Path cfg, Path log) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx3g");
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith("--add-opens"))
                .forEach(cmd::add);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), HwnasCli.class.getName(), "sweep",
                "--master", "local[2]", cfg.toString()));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static Path awaitBatchFile(Path root, String name, Process driver, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (System.nanoTime() < deadline) {
            if (!driver.isAlive()) {
                throw new AssertionError("the driver ended before it was killed:\n" + Files.readString(log));
            }
            if (Files.isDirectory(root)) {
                try (Stream<Path> s = Files.list(root)) {
                    for (Path p : s.toList()) {
                        if (Files.exists(p.resolve("batches").resolve(name))) {
                            return p;
                        }
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + name + " after 240 s:\n" + Files.readString(log));
    }

    private static List<Path> batchFiles(Path run) throws IOException {
        try (Stream<Path> s = Files.list(run.resolve("batches"))) {
            return s.filter(p -> p.getFileName().toString().matches("batch-\\d+\\.json")).sorted()
                    .collect(Collectors.toList());
        }
    }

    private static Path published(Path root) throws IOException {
        try (Stream<Path> s = Files.list(root)) {
            List<Path> runs = s.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
            assertEquals(1, runs.size(), runs.toString());
            return runs.get(0);
        }
    }
}
