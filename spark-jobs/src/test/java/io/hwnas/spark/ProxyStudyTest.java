package io.hwnas.spark;

import com.fasterxml.jackson.databind.JsonNode;
import io.hwnas.data.FashionMnist;
import io.hwnas.io.Mappers;
import io.hwnas.spark.cli.HwnasCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A real proxy study on local[2] Spark: real proxies and real brief DL4J training on a Fashion-MNIST subset. */
class ProxyStudyTest {
    private static final List<String> PROXIES = List.of("naswot", "synflow", "grad_norm", "nonlinear_units");

    private static String config(int trainSamples, int epochs) {
        return """
                name: study
                seed: 5
                candidates: 40
                space:
                  type: activation
                  input: {channels: 1, height: 28, width: 28}
                  stages:
                    - {channels: 8, convs: 1, kernel: 3, pool: max}
                    - {channels: 16, convs: 1, kernel: 3, pool: max}
                  head: flatten
                  activations: [relu, silu, hard_swish, sigmoid]
                  widthMultipliers: [0.5, 1.0]
                data: {trainSamples: %d, validationSamples: 128}
                training: {epochs: %d, batchSize: 32, learningRate: 0.003}
                devices: [host-cpu]
                output: never-used
                """.formatted(trainSamples, epochs);
    }

    @Test
    void studyWritesPerCandidateScoresCorrelationsSummaryAndProvenance(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.isDirectory(Path.of(FashionMnist.DEFAULT_DIRECTORY)), "Fashion-MNIST not installed");
        Path cfg = tmp.resolve("study.yaml");
        Files.writeString(cfg, config(256, 1));
        Path out = tmp.resolve("studies");
        assertEquals(0, HwnasCli.execute("proxy-study", "--master", "local[2]", "--candidates", "6",
                "--output", out.toString(), cfg.toString()));
        List<Path> dirs;
        try (Stream<Path> s = Files.list(out)) {
            dirs = s.toList();
        }
        assertEquals(1, dirs.size(), "only the published directory, no staging left: " + dirs);
        Path run = dirs.get(0);
        assertTrue(run.getFileName().toString().matches("study-proxy-study-\\d{8}-\\d{6}-s5"), run.toString());

        List<Map<String, String>> rows = SweepEndToEndTest.readCsv(run.resolve("proxy-study.csv"));
        assertEquals(6, rows.size());
        assertEquals(6, rows.stream().map(r -> r.get("choices")).distinct().count(), "distinct candidates");
        int ok = 0;
        for (Map<String, String> r : rows) {
            if (!r.get("status").equals("ok")) {
                continue;
            }
            ok++;
            double acc = Double.parseDouble(r.get("accuracy"));
            assertTrue(acc >= 0 && acc <= 1, r.toString());
            for (String p : List.of("synflow", "grad_norm", "nonlinear_units")) {
                assertTrue(Double.isFinite(Double.parseDouble(r.get(p))), p + ": " + r);
            }
            // finite, or -Infinity for a singular kernel; never missing
            assertTrue(Double.parseDouble(r.get("naswot")) < Double.POSITIVE_INFINITY, r.toString());
            assertTrue(Long.parseLong(r.get("macs")) > 0 && Long.parseLong(r.get("trainable_params")) > 0, r.toString());
        }
        assertEquals(6, ok, "every candidate trains: " + rows);

        List<Map<String, String>> correlations = SweepEndToEndTest.readCsv(run.resolve("correlations.csv"));
        assertEquals(List.of("naswot", "synflow", "grad_norm", "nonlinear_units", "trainable_params", "macs"),
                correlations.stream().map(c -> c.get("proxy")).toList());
        for (Map<String, String> c : correlations) {
            double tau = Double.parseDouble(c.get("kendall_tau"));
            double rho = Double.parseDouble(c.get("spearman_rho"));
            assertTrue(tau >= -1 && tau <= 1 && rho >= -1 && rho <= 1, c.toString());
            assertEquals(ok, Integer.parseInt(c.get("n")), c.toString());
            String subject = c.get("proxy");
            assertEquals(bruteForceTauB(rows, subject), tau, 1e-9, "τ of " + subject + " recomputed from proxy-study.csv");
        }

        String summary = Files.readString(run.resolve("summary.txt"));
        assertTrue(summary.contains("6 candidates, 0 dropped"), summary);
        PROXIES.forEach(p -> assertTrue(summary.contains(p), summary));

        JsonNode prov = Mappers.json().readTree(run.resolve("run.json").toFile());
        assertEquals(5, prov.get("seed").asLong());
        assertEquals(6, prov.get("counts").get("ok").asLong());
        assertEquals(0, prov.get("counts").get("dropped").asLong());
        assertEquals(6, prov.get("config").get("search").get("evaluations").asInt(), "the config as run, with --candidates applied");
        assertTrue(prov.get("configText").asText().contains("widthMultipliers"));
        assertTrue(prov.get("build").get("gitCommit").asText().length() > 0);
    }

    @Test
    void badInputIsRejectedBeforeSparkStartsWithExitCode2(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.isDirectory(Path.of(FashionMnist.DEFAULT_DIRECTORY)), "Fashion-MNIST not installed");
        Path cfg = tmp.resolve("study.yaml");
        Files.writeString(cfg, config(256, 1));
        assertEquals(HwnasCli.BAD_INPUT, HwnasCli.execute("proxy-study", "--candidates", "2", cfg.toString()));
        Files.writeString(cfg, config(256, 0));
        String untrained = stderrOf(() -> assertEquals(HwnasCli.BAD_INPUT, HwnasCli.execute("proxy-study", cfg.toString())));
        assertTrue(untrained.contains("'training.epochs' = 0"), untrained);
        Files.writeString(cfg, config(32, 1));
        assertEquals(HwnasCli.BAD_INPUT, HwnasCli.execute("proxy-study", cfg.toString()));
    }

    /** τ-b from its definition, over the rows with status ok. */
    private static double bruteForceTauB(List<Map<String, String>> rows, String column) {
        List<Map<String, String>> ok = rows.stream().filter(r -> r.get("status").equals("ok")).toList();
        long concordant = 0, discordant = 0, tiesX = 0, tiesY = 0, pairs = 0;
        for (int i = 0; i < ok.size(); i++) {
            for (int j = i + 1; j < ok.size(); j++) {
                double dx = Math.signum(Double.parseDouble(ok.get(i).get(column)) - Double.parseDouble(ok.get(j).get(column)));
                double dy = Math.signum(Double.parseDouble(ok.get(i).get("accuracy"))
                        - Double.parseDouble(ok.get(j).get("accuracy")));
                pairs++;
                if (dx == 0 || Double.isNaN(dx)) {
                    tiesX++;
                }
                if (dy == 0) {
                    tiesY++;
                }
                if (dx * dy > 0) {
                    concordant++;
                } else if (dx * dy < 0) {
                    discordant++;
                }
            }
        }
        return (concordant - discordant) / Math.sqrt((double) (pairs - tiesX) * (pairs - tiesY));
    }

    private static String stderrOf(Runnable r) {
        PrintStream original = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setErr(original);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
