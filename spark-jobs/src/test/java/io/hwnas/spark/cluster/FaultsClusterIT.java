package io.hwnas.spark.cluster;

import io.hwnas.eval.Candidate;
import io.hwnas.spark.SmallSweeps;
import io.hwnas.spark.SweepJob;
import io.hwnas.spark.config.SweepConfigLoader;
import io.hwnas.spark.journal.BatchFile;
import io.hwnas.spark.journal.JournalEntry;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static io.hwnas.spark.cluster.ClusterSweepIT.DATA;
import static io.hwnas.spark.cluster.ClusterSweepIT.itDirectory;
import static io.hwnas.spark.cluster.ClusterSweepIT.onlyRun;
import static io.hwnas.spark.cluster.ClusterSweepIT.readCsv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Faults of single candidates on a standalone cluster of two 1-core workers, each on a loopback address of its own
 * (127.0.0.2, 127.0.0.3: Spark runs a speculative copy only on another host): poison candidates, too large for an
 * executor's 1 GiB or killing their executor, fail alone while the sweep goes on; and with speculation on, every
 * candidate is written once.
 */
class FaultsClusterIT {
    private static final Duration SWEEP_TIMEOUT = Duration.ofMinutes(5);
    private static LocalCluster cluster;
    private static Path work;

    @BeforeAll
    static void startCluster() throws Exception {
        assumeTrue(Files.isDirectory(DATA), "Fashion-MNIST not installed");
        work = itDirectory("FaultsClusterIT");
        cluster = LocalCluster.start(work.resolve("cluster"), 2, null, List.of("127.0.0.2", "127.0.0.3"));
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /**
     * Eight candidates of a space whose width 8 makes a net that needs over 1 GiB to train at batch 256 (refused
     * before it starts), and one ordinary candidate whose every executor dies under it (the test's
     * {@link CandidateTaskPlugin} halting it): with {@code spark.task.maxFailures=8}, it still fails after two lost executors.
     */
    @Test
    void poisonCandidatesFailAloneAndTheFrontIsRight() throws Exception {
        Path out = work.resolve("poison-runs");
        Path events = work.resolve("poison-events");
        Path config = work.resolve("poison.yaml");
        String text = """
                name: poison
                seed: 5
                candidates: 8
                space:
                  type: activation
                  input: {channels: 1, height: 28, width: 28}
                  stages:
                    - {channels: 32, convs: 2, kernel: 3, pool: max}
                    - {channels: 64, convs: 2, kernel: 3, pool: max}
                  head: flatten
                  activations: [relu, silu]
                  widthMultipliers: [0.25, 0.5, 8.0]
                data: {path: %s, trainSamples: 256, validationSamples: 200}
                training: {epochs: 1, batchSize: 256, learningRate: 0.003}
                devices: [host-cpu]
                output: %s
                """.formatted(DATA, out.toAbsolutePath());
        Files.writeString(config, text);
        List<Candidate> candidates = SweepJob.candidates(SweepConfigLoader.plan(text, config.toString()).config());
        Set<Integer> oversized = candidates.stream().filter(c -> c.description().containsValue("8.0"))
                .map(Candidate::id).collect(Collectors.toSet());
        int halting = candidates.stream().filter(c -> !oversized.contains(c.id())).mapToInt(Candidate::id).findFirst()
                .orElseThrow();
        assertTrue(!oversized.isEmpty() && oversized.size() <= 5, "oversized " + oversized + " of 8");

        cluster.submit("poison", events, null, List.of("--jars",
                LocalCluster.pluginJar(CandidateTaskPlugin.class, work.resolve("candidate-task-plugin.jar")).toString(),
                "--conf", "spark.plugins=" + CandidateTaskPlugin.class.getName(),
                "--conf", CandidateTaskPlugin.CANDIDATE + "=" + halting,
                "--conf", CandidateTaskPlugin.ACTION + "=" + CandidateTaskPlugin.HALT,
                "--conf", "spark.task.maxFailures=8"), "sweep", config.toString()).awaitSuccess(SWEEP_TIMEOUT);

        Path run = onlyRun(out);
        List<Map<String, String>> rows = readCsv(run.resolve("results.csv"));
        assertEquals(IntStream.range(0, 8).boxed().toList(),
                rows.stream().map(r -> Integer.parseInt(r.get("candidate_id"))).sorted().toList());
        for (Map<String, String> r : rows) {
            int id = Integer.parseInt(r.get("candidate_id"));
            if (id == halting) {
                assertEquals("failed", r.get("status"));
                assertEquals("executor lost twice while training", r.get("error"));
            } else if (oversized.contains(id)) {
                assertEquals("failed", r.get("status"));
                assertTrue(r.get("error").startsWith("memory: training at batch 256 needs about ")
                        && r.get("error").contains("a task may use (spark.executor.memory 1024m"), r.get("error"));
            } else {
                assertEquals("ok", r.get("status"), id + ": " + r.get("error"));
            }
        }
        assertEquals(bruteForceFront(rows), ids(readCsv(run.resolve("pareto-search.csv"))), "the search front");
        long lost = EventLog.readOnly(events).ofType("SparkListenerTaskEnd")
                .filter(e -> e.path("Task End Reason").path("Reason").asText().equals("ExecutorLostFailure")).count();
        assertEquals(2, lost, "attempts lost with their executor");
    }

    /**
     * Speculation on, with a copy launched for any task running over half a second: tasks of 1-3 s all qualify.
     * Each candidate is in results.csv, in the journal and in each front at most once.
     */
    @Test
    void speculatedTasksWriteEveryCandidateOnce() throws Exception {
        int n = 6;
        Path out = work.resolve("speculation-runs");
        Path events = work.resolve("speculation-events");
        Path config = work.resolve("speculation.yaml");
        Files.writeString(config, SmallSweeps.config("speculation", 13, n, """
                data: {path: %s, trainSamples: 600, validationSamples: 200}
                training: {epochs: 1, batchSize: 32, learningRate: 0.003}
                devices: [host-cpu, ethos-u55-128]
                execution: {batchSize: 3}
                output: %s
                """.formatted(DATA, out.toAbsolutePath())));
        cluster.submit("speculation", events, null, List.of("--conf", "spark.speculation=true",
                "--conf", "spark.speculation.interval=100ms",
                "--conf", "spark.speculation.task.duration.threshold=500ms"), "sweep", config.toString())
                .awaitSuccess(SWEEP_TIMEOUT);

        long speculative = EventLog.readOnly(events).ofType("SparkListenerTaskStart")
                .filter(e -> e.path("Task Info").path("Speculative").asBoolean()).count();
        assertTrue(speculative > 0, "no speculative copy was launched");
        Path run = onlyRun(out);
        List<Map<String, String>> rows = readCsv(run.resolve("results.csv"));
        ClusterSweepIT.assertCompleteAndDistinct(rows, n);
        List<Integer> journaled = new ArrayList<>();
        try (Stream<Path> s = Files.list(run.resolve("batches"))) {
            for (Path f : s.sorted().toList()) {
                int batch = Integer.parseInt(f.getFileName().toString().replaceAll("\\D", ""));
                BatchFile.decode(Files.readAllBytes(f), batch).stream().map(JournalEntry::result)
                        .forEach(r -> journaled.add(r.candidateId()));
            }
        }
        assertEquals(IntStream.range(0, n).boxed().toList(), journaled.stream().sorted().toList(), "journal entries");
        try (Stream<Path> s = Files.list(run)) {
            for (Path front : s.filter(f -> f.getFileName().toString().startsWith("pareto-")).toList()) {
                List<String> members = readCsv(front).stream().map(r -> r.get("candidate_id")).toList();
                assertEquals(members.size(), new HashSet<>(members).size(), front + ": " + members);
            }
        }
        assertEquals(bruteForceFront(rows), ids(readCsv(run.resolve("pareto-search.csv"))), "the search front");
    }

    /** The default goal's front (accuracy up, FPS on the first device up) over the candidates that ended ok. */
    static Set<String> bruteForceFront(List<Map<String, String>> rows) {
        List<Map<String, String>> ok = rows.stream().filter(r -> r.get("status").equals("ok")).toList();
        Set<String> front = new HashSet<>();
        for (Map<String, String> a : ok) {
            boolean dominated = ok.stream().anyMatch(b -> d(b, "accuracy") >= d(a, "accuracy")
                    && d(b, "fps_host_cpu") >= d(a, "fps_host_cpu")
                    && (d(b, "accuracy") > d(a, "accuracy") || d(b, "fps_host_cpu") > d(a, "fps_host_cpu")));
            if (!dominated) {
                front.add(a.get("candidate_id"));
            }
        }
        return front;
    }

    private static double d(Map<String, String> row, String column) {
        return Double.parseDouble(row.get(column));
    }

    static Set<String> ids(List<Map<String, String>> rows) {
        return rows.stream().map(r -> r.get("candidate_id")).collect(Collectors.toSet());
    }
}
