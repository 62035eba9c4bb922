package io.hwnas.spark.cluster;

import io.hwnas.data.FashionMnist;
import io.hwnas.io.Mappers;
import io.hwnas.spark.SmallSweeps;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real sweeps on a local standalone cluster (master + 2 workers of 1 core) submitted with the shaded
 * application jar: the work spreads over both workers, a learned latency predictor is built on both, a sweep
 * survives a worker killed mid-run, and the cluster's shared secret is written nowhere. The cluster runs with
 * {@code spark.authenticate=true} and {@code spark.network.crypto.enabled=true} (one cluster for all keeps CI to a few
 * minutes; authentication and encryption only add to the plain setup): master,
 * workers and each submission read the secret from properties files, never a command line, where any
 * user could see it with ps. The worker-kill test runs after the spread test because it leaves the
 * cluster one worker short; the leak check runs last, over everything the submissions wrote.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterSweepIT {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterSweepIT.class);
    static final Path DATA = Path.of(FashionMnist.DEFAULT_DIRECTORY);
    private static final Duration SWEEP_TIMEOUT = Duration.ofMinutes(5);

    private static LocalCluster cluster;
    private static Path work;
    private static String secret;
    private static Path submitProperties;

    @BeforeAll
    static void startCluster() throws Exception {
        assumeTrue(Files.isDirectory(DATA), "Fashion-MNIST not installed");
        work = itDirectory("ClusterSweepIT");
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        secret = "hwnas-it-" + HexFormat.of().formatHex(random);
        // outside the directories the leak check scans, readable by the owner only
        Path secrets = Files.createDirectories(work.resolve("secrets"));
        Path clusterProperties = secrets.resolve("cluster.properties");
        submitProperties = secrets.resolve("submit.properties");
        for (Path p : List.of(clusterProperties, submitProperties)) {
            // RPC and block transfers encrypted too (AES, keys agreed through the shared secret)
            Files.writeString(p, "spark.authenticate=true\nspark.authenticate.secret=" + secret
                    + "\nspark.network.crypto.enabled=true\n");
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
        }
        cluster = LocalCluster.start(work.resolve("cluster"), 2, clusterProperties);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void sweepSpreadsOverBothWorkers() throws Exception {
        Path out = work.resolve("spread-runs");
        Path events = work.resolve("spread-events");
        Path config = writeConfig(work.resolve("spread.yaml"), "spread", out, 4, 0);
        cluster.submit("spread", config, events, submitProperties).awaitSuccess(SWEEP_TIMEOUT);

        List<Map<String, String>> rows = readCsv(onlyRun(out).resolve("results.csv"));
        assertCompleteAndDistinct(rows, 4);
        EventLog log = EventLog.readOnly(events);
        Map<String, Long> tasks = log.taskEndsByExecutor("Success");
        assertEquals(2, tasks.size(), "two executors ran tasks: " + tasks);
        tasks.forEach((id, n) -> assertTrue(n >= 1, "executor " + id + " ran " + n + " tasks"));
        // ... and they were launched by the two different workers the master knows
        Set<String> workerUis = new HashSet<>();
        cluster.masterState().path("workers").forEach(w -> workerUis.add(w.path("webuiaddress").asText()));
        Map<String, String> executorWorkers = log.executorWorkerUis();
        assertEquals(workerUis, tasks.keySet().stream().map(executorWorkers::get).collect(Collectors.toSet()),
                "executors " + executorWorkers + " vs workers " + workerUis);
        assertEquals(2, rows.stream().map(r -> r.get("worker")).distinct().count(),
                "results name two evaluating JVMs: " + rows.stream().map(r -> r.get("worker")).toList());
    }

    /**
     * dl4j-spark parameter averaging of the spread sweep's front on both workers, with Kryo registration
     * required and authentication on: test scores and both model files come back.
     */
    @Test
    @Order(2)
    void frontIsTrainedOnTheCluster() throws Exception {
        Path run = onlyRun(work.resolve("spread-runs"));
        Path events = work.resolve("final-events");
        cluster.submit("final", events, submitProperties, "train-front", run.toString(), "--epochs", "1",
                "--train-samples", "600", "--test-samples", "300").awaitSuccess(SWEEP_TIMEOUT);
        List<Map<String, String>> rows = readCsv(run.resolve("final").resolve("final-training.csv"));
        assertFalse(rows.isEmpty());
        for (Map<String, String> r : rows) {
            double accuracy = Double.parseDouble(r.get("test_accuracy"));
            assertTrue(accuracy > 0.2 && accuracy <= 1, "test accuracy " + accuracy);
        }
        assertTrue(Files.list(run.resolve("final")).anyMatch(f -> f.toString().endsWith(".zip")), "model files");
        assertEquals(2, EventLog.readOnly(events).taskEndsByExecutor("Success").size(), "both executors trained");
    }

    /**
     * A tiny learned latency predictor built on the cluster: kernels are timed on both workers' executors and the
     * MLlib regressors are fitted there, then saved where {@code learned:DIR} reads them.
     */
    @Test
    @Order(3)
    void predictorIsBuiltOnBothWorkers() throws Exception {
        Path out = work.resolve("predictor");
        Path events = work.resolve("predictor-events");
        cluster.submit("predictor", events, submitProperties, "predictor", "build", "--out", out.toString(),
                "--space", Path.of("../examples/quickstart.yaml").toAbsolutePath().normalize().toString(),
                "--networks", "10", "--refine", "2", "--trees", "5", "--depth", "4", "--boosting-rounds", "3", "--lut-grid", "none",
                "--repeats", "2", "--runs", "1", "--jvm-warmup", "2").awaitSuccess(SWEEP_TIMEOUT);
        assertTrue(Files.isRegularFile(out.resolve("predictor.json")), "manifest");
        assertTrue(Files.isDirectory(out.resolve("models").resolve("conv")), "a conv model");
        Map<String, Long> tasks = EventLog.readOnly(events).taskEndsByExecutor("Success");
        assertEquals(2, tasks.size(), "both executors measured and trained: " + tasks);
    }

    /**
     * Five batches of two candidates, the task of candidate 2 (batch 1) held at its start by the
     * {@link CandidateTaskPlugin}: the worker under it is killed with SIGKILL while that task certainly runs. Spark must
     * rerun the lost task on the surviving executor, and the sweep must still publish every candidate exactly once.
     */
    @Test
    @Order(4)
    void sweepSurvivesAWorkerKilledMidway() throws Exception {
        int n = 10;
        Path out = work.resolve("kill-runs");
        Path events = work.resolve("kill-events");
        Path hold = Files.createDirectories(work.resolve("kill-hold"));
        Path config = writeConfig(work.resolve("kill.yaml"), "kill", out, n, 2);
        Path plugin = LocalCluster.pluginJar(CandidateTaskPlugin.class, work.resolve("candidate-task-plugin.jar"));
        LocalCluster.Submission sweep = cluster.submit("kill", events, submitProperties, List.of(
                "--jars", plugin.toString(),
                "--conf", "spark.plugins=" + CandidateTaskPlugin.class.getName(),
                "--conf", CandidateTaskPlugin.CANDIDATE + "=2",
                "--conf", CandidateTaskPlugin.ACTION + "=" + CandidateTaskPlugin.HOLD,
                "--conf", CandidateTaskPlugin.DIRECTORY + "=" + hold), "sweep", config.toString());
        String busy;
        try {
            busy = awaitValue(sweep, Duration.ofMinutes(4), "an executor holding candidate 2", () -> holder(hold));
            long workerPid = -1;
            ProcessHandle executor = null;
            for (long pid : cluster.workerPids()) {
                Optional<ProcessHandle> child = ProcessHandle.of(pid).stream().flatMap(ProcessHandle::children)
                        .filter(c -> isExecutor(c.pid(), busy)).findFirst();
                if (child.isPresent()) {
                    workerPid = pid;
                    executor = child.get();
                }
            }
            assertTrue(executor != null, "no worker launched executor " + busy + " (workers " + cluster.workerPids() + ")");
            LOG.info("killing worker pid {} (SIGKILL) under busy executor {} (pid {})", workerPid, busy, executor.pid());
            ProcessHandle.of(workerPid).ifPresent(ProcessHandle::destroyForcibly);
            // the executor's WorkerWatcher notices its worker is gone and exits the executor JVM
            boolean exitedByItself = true;
            try {
                executor.onExit().get(30, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                exitedByItself = false;
                LOG.warn("executor {} outlived its killed worker by 30s; killing it too", executor.pid());
                executor.destroyForcibly();
            }
            // the rerun on the other executor holds too until now
            Files.createFile(hold.resolve(CandidateTaskPlugin.RELEASE));
            sweep.awaitSuccess(SWEEP_TIMEOUT);
            assertTrue(exitedByItself, "executor " + busy + " exited with its worker");
        } finally {
            sweep.process().destroyForcibly();
        }

        List<Map<String, String>> rows = readCsv(onlyRun(out).resolve("results.csv"));
        assertCompleteAndDistinct(rows, n);
        EventLog log = EventLog.readOnly(events);
        assertTrue(log.ofType("SparkListenerExecutorRemoved").anyMatch(e -> busy.equals(e.path("Executor ID").asText())),
                "the driver saw executor " + busy + " go");
        assertEquals(Map.of(busy, 1L), log.taskEndsByExecutor("ExecutorLostFailure"),
                "the held task was lost with its executor, and no other");
        assertEquals(2, rows.stream().map(r -> r.get("worker")).distinct().count(),
                "both executors evaluated candidates before the kill");
    }

    /**
     * Authentication was really on (daemons and driver say so), and the secret appears in no file the
     * cluster or the sweeps wrote: daemon logs, executor stdout/stderr (work/), driver stdout/stderr, event
     * logs, results (the executors' copies of the application jar are skipped).
     */
    @Test
    @Order(5)
    void clusterSecretIsWrittenNowhere() throws Exception {
        String enabled = "authentication enabled";
        for (String log : List.of("logs/master.out", "logs/worker-1.out", "logs/worker-2.out", "spread.driver.err")) {
            assertTrue(LocalCluster.read(cluster.dir.resolve(log)).contains(enabled), log + " says " + enabled);
        }
        List<Path> scanned = new ArrayList<>();
        List<Path> leaks = new ArrayList<>();
        byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
        assertTrue(indexOf(Files.readAllBytes(submitProperties), needle) >= 0, "the search finds the secret where it is");
        for (String root : List.of("cluster", "spread-events", "spread-runs", "final-events", "predictor-events",
                "predictor", "kill-events", "kill-runs")) {
            if (!Files.exists(work.resolve(root))) {
                continue; // a sweep test that failed early
            }
            try (Stream<Path> s = Files.walk(work.resolve(root))) {
                for (Path f : s.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".jar")).toList()) {
                    scanned.add(f);
                    if (indexOf(Files.readAllBytes(f), needle) >= 0) {
                        leaks.add(f);
                    }
                }
            }
        }
        assertTrue(scanned.stream().anyMatch(f -> f.toString().contains("/work/") && f.endsWith("stderr")),
                "executor logs were scanned: " + scanned);
        assertEquals(List.of(), leaks, "files containing the secret (" + scanned.size() + " scanned)");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The executor holding its task at the {@link CandidateTaskPlugin}; null while none does. */
    private static String holder(Path hold) {
        try (Stream<Path> s = Files.list(hold)) {
            return s.map(p -> p.getFileName().toString()).filter(f -> f.startsWith(CandidateTaskPlugin.HELD))
                    .map(f -> f.substring(CandidateTaskPlugin.HELD.length())).findFirst().orElse(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isExecutor(long pid, String executorId) {
        try {
            List<String> args = Arrays.asList(Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).split("\0"));
            int i = args.indexOf("--executor-id");
            return args.contains("org.apache.spark.executor.CoarseGrainedExecutorBackend") && i >= 0
                    && i + 1 < args.size() && args.get(i + 1).equals(executorId);
        } catch (IOException e) {
            return false; // exited meanwhile
        }
    }

    /** Every candidate id 0..n-1 exactly once, all evaluated without error, all different architectures. */
    static void assertCompleteAndDistinct(List<Map<String, String>> rows, int n) {
        List<Integer> ids = rows.stream().map(r -> Integer.parseInt(r.get("candidate_id"))).sorted().toList();
        assertEquals(IntStream.range(0, n).boxed().toList(), ids, "candidate ids: none lost, none twice");
        for (Map<String, String> r : rows) {
            assertEquals("ok", r.get("status"), "candidate " + r.get("candidate_id") + ": " + r.get("error"));
            double accuracy = Double.parseDouble(r.get("accuracy"));
            assertTrue(accuracy > 0 && accuracy <= 1, "accuracy " + accuracy);
        }
        assertEquals(n, rows.stream().map(r -> r.get("fingerprint")).distinct().count(), "distinct fingerprints");
    }

    /**
     * A sweep small enough for CI: the two-stage CNN of SweepEndToEndTest, 300 training images, one epoch,
     * cost-model devices only; {@code batchSize} 0 = one batch.
     */
    static Path writeConfig(Path file, String name, Path out, int candidates, int batchSize) throws IOException {
        Files.writeString(file, SmallSweeps.config(name, 11, candidates, """
                data: {path: %s, trainSamples: 300, validationSamples: 200}
                training: {epochs: 1, batchSize: 32, learningRate: 0.003}
                devices: [host-cpu, ethos-u55-128]
                execution: {batchSize: %d}
                output: %s
                """.formatted(DATA, batchSize, out.toAbsolutePath())));
        return file;
    }

    static Path onlyRun(Path out) throws IOException {
        try (Stream<Path> s = Files.list(out)) {
            List<Path> runs = s.toList();
            assertEquals(1, runs.size(), "one published run directory, no staging left: " + runs);
            return runs.get(0);
        }
    }

    static List<Map<String, String>> readCsv(Path file) throws IOException {
        try (MappingIterator<Map<String, String>> it = Mappers.csv().readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(file.toFile())) {
            return it.readAll();
        }
    }

    /** A clean directory under target/cluster-it for one test class; kept afterwards with its logs. */
    static Path itDirectory(String name) throws IOException {
        Path dir = Path.of(System.getProperty("hwnas.itDir", "target/cluster-it")).toAbsolutePath().resolve(name);
        LocalCluster.deleteRecursively(dir);
        return Files.createDirectories(dir);
    }

    /** Polls until {@code value} is non-null; fails if the driver exits first or the time runs out. */
    private static <T> T awaitValue(LocalCluster.Submission sweep, Duration timeout, String what, Supplier<T> value)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            T v = value.get();
            if (v != null) {
                return v;
            }
            if (!sweep.process().isAlive()) {
                throw new AssertionError("driver exited (" + sweep.process().exitValue() + ") while waiting for " + what
                        + "\n" + LocalCluster.tail(sweep.stderr(), 40));
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out after " + timeout + " waiting for " + what + "\n" + LocalCluster.tail(sweep.stderr(), 40));
    }
}
