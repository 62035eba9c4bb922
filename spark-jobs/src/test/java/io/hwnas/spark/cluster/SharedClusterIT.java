package io.hwnas.spark.cluster;

import io.hwnas.eval.Candidate;
import io.hwnas.io.Mappers;
import io.hwnas.io.Sha256;
import io.hwnas.spark.SmallSweeps;
import io.hwnas.spark.SweepJob;
import io.hwnas.spark.config.SweepConfigLoader;
import io.hwnas.spark.journal.BatchFile;
import io.hwnas.spark.journal.JournalEntry;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static io.hwnas.spark.cluster.ClusterSweepIT.DATA;
import static io.hwnas.spark.cluster.ClusterSweepIT.assertCompleteAndDistinct;
import static io.hwnas.spark.cluster.ClusterSweepIT.itDirectory;
import static io.hwnas.spark.cluster.ClusterSweepIT.onlyRun;
import static io.hwnas.spark.cluster.ClusterSweepIT.readCsv;
import static io.hwnas.spark.cluster.FaultsClusterIT.bruteForceFront;
import static io.hwnas.spark.cluster.FaultsClusterIT.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * One standalone cluster (two workers of 1 core) used as a team would: a supervised sweep whose driver is killed
 * and restarted by the cluster, then two sweeps at once (a nightly and an interactive one) that share the
 * cluster's cores and a directory of earlier runs they both reuse.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharedClusterIT {
    private static final Logger LOG = LoggerFactory.getLogger(SharedClusterIT.class);
    private static final Duration SWEEP_TIMEOUT = Duration.ofMinutes(5);
    private static final int SUPERVISED = 6;

    private static LocalCluster cluster;
    private static Path work;

    @BeforeAll
    static void startCluster() throws Exception {
        assumeTrue(Files.isDirectory(DATA), "Fashion-MNIST not installed");
        work = itDirectory("SharedClusterIT");
        cluster = LocalCluster.start(work.resolve("cluster"), 2, null);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /**
     * {@code spark-submit --deploy-mode cluster --supervise ... sweep CONFIG --run-id supervised}, three batches
     * of two; once the journal holds a batch, the driver JVM (DriverWrapper, on a worker) is killed with SIGKILL. The
     * worker starts it again with the same arguments, and the sweep resumes its own run directory by itself: every
     * journaled candidate is answered from the journal, only the rest is evaluated, and the run is published once.
     */
    @Test
    @Order(1)
    void killedSupervisedDriverResumesItsOwnRun() throws Exception {
        Path out = work.resolve("supervised-runs");
        Path config = writeConfig(work.resolve("supervised.yaml"), "supervised", 11, SUPERVISED, 2, out, null);
        String driverId = cluster.submitSupervised("supervised", List.of("--conf", "spark.cores.max=1"),
                "sweep", config.toString(), "--run-id", "supervised");
        Path batches = out.resolve(".supervised.inprogress").resolve("batches");
        ProcessHandle driver = await(driverId, Duration.ofMinutes(4), "the first journaled batch",
                () -> Files.exists(batches.resolve("batch-00000.json")) ? driverJvm() : null);
        LOG.info("killing the driver JVM {} (SIGKILL) of {}", driver.pid(), driverId);
        driver.destroyForcibly();
        driver.onExit().get();
        Map<String, String> killedWith = batchHashes(batches);
        int journaled = killedWith.keySet().stream().mapToInt(f -> entries(batches.resolve(f)).size()).sum();
        assertTrue(journaled >= 2 && journaled < SUPERVISED, "killed in the middle: " + killedWith.keySet());

        JsonNode finished = await(driverId, SWEEP_TIMEOUT, "the restarted driver to finish", () -> {
            JsonNode d = driver(driverId);
            return d != null && !d.path("state").asText().matches("SUBMITTED|RUNNING|RELAUNCHING") ? d : null;
        });
        String log = LocalCluster.read(cluster.driverStderr(driverId));
        assertEquals("FINISHED", finished.path("state").asText(), LocalCluster.tail(cluster.driverStderr(driverId), 40));
        assertEquals(2, count(log, "Launch Command:"), "the worker launched the driver twice");
        assertTrue(log.contains("resuming supervised: " + journaled + " evaluations recorded in its journal"),
                "the restarted driver resumed the journal by itself");
        assertTrue(log.contains("was not renewed"), "the restarted driver took over the killed one's lease");
        assertFalse(Files.exists(out.resolve(".supervised.lease")), "the lease is released at the end");

        Path run = onlyRun(out);
        assertEquals("supervised", run.getFileName().toString(), "the same run directory");
        List<Map<String, String>> rows = readCsv(run.resolve("results.csv"));
        assertCompleteAndDistinct(rows, SUPERVISED);
        JsonNode counts = Mappers.json().readTree(run.resolve("run.json").toFile()).get("counts");
        assertEquals(journaled, counts.get("replayed_from_journal").asInt(), "journaled before the kill: " + counts);
        assertEquals(SUPERVISED - journaled, counts.get("evaluated_now").asInt(), "evaluated after the restart: " + counts);
        // the batch files written before the kill are still those bytes; every candidate is in the journal once
        Path published = run.resolve("batches");
        killedWith.forEach((file, hash) -> assertEquals(hash, batchHashes(published).get(file), file + " rewritten"));
        List<Integer> journal = new ArrayList<>();
        batchHashes(published).keySet().forEach(f -> entries(published.resolve(f))
                .forEach(e -> journal.add(e.result().candidateId())));
        assertEquals(IntStream.range(0, SUPERVISED).boxed().toList(), journal.stream().sorted().toList(), "journal");
        assertEquals(bruteForceFront(rows), ids(readCsv(run.resolve("pareto-search.csv"))), "the search front");
    }

    /**
     * A nightly sweep ({@code hwnas nightly --root R}) and an interactive one ({@code sweep --reuse R}, its output
     * also under R) submitted at once, each with {@code spark.cores.max=1} and its own FAIR pool
     * ({@code execution.pool}, pools from scripts/conf/fairscheduler.xml). R already holds an earlier run (the
     * supervised one). Both hold a core at the same time and finish; each run holds exactly its own candidates, each
     * reused what matched in the earlier run and nothing of the other's unfinished run, the earlier run is left
     * byte for byte, and every candidate job ran in its sweep's pool.
     */
    @Test
    @Order(2)
    void twoSweepsAtOnceShareTheClusterAndTheirEarlierRuns() throws Exception {
        Path root = work.resolve("shared-root");
        Path earlier = root.resolve("2030-01-01").resolve("supervised");
        copyTree(onlyRun(work.resolve("supervised-runs")), earlier);
        Map<String, String> earlierFiles = treeHashes(earlier);
        Set<String> earlierFingerprints = readCsv(earlier.resolve("results.csv")).stream().map(r -> r.get("fingerprint"))
                .collect(Collectors.toSet());

        // same seed as the earlier run: its candidates come first, then 2 new ones
        Path interactiveOut = root.resolve("interactive");
        Path interactive = writeConfig(work.resolve("interactive.yaml"), "interactive", 11, SUPERVISED + 2, 4,
                interactiveOut, "interactive");
        Path nightly = writeConfig(work.resolve("nightly.yaml"), "nightly", 23, 4, 2, work.resolve("unused"), "nightly");
        List<String> options = List.of("--conf", "spark.cores.max=1", "--conf", "spark.scheduler.mode=FAIR",
                "--conf", "spark.scheduler.allocation.file=" + LocalCluster.ROOT.resolve("scripts/conf/fairscheduler.xml"));
        LocalCluster.Submission night = cluster.submit("nightly", work.resolve("nightly-events"), null, options,
                "nightly", nightly.toString(), "--root", root.toString(), "--date", "2030-01-02");
        LocalCluster.Submission person = cluster.submit("interactive", work.resolve("interactive-events"), null, options,
                "sweep", interactive.toString(), "--reuse", root.toString());
        int atOnce = 0;
        try {
            while (night.process().isAlive() || person.process().isAlive()) {
                JsonNode apps = cluster.masterState().path("activeapps");
                int running = 0;
                for (JsonNode app : apps) {
                    running += app.path("state").asText().equals("RUNNING") && app.path("cores").asInt() == 1 ? 1 : 0;
                }
                atOnce = Math.max(atOnce, running);
                Thread.sleep(500);
            }
            night.awaitSuccess(SWEEP_TIMEOUT);
            person.awaitSuccess(SWEEP_TIMEOUT);
        } finally {
            night.process().destroyForcibly();
            person.process().destroyForcibly();
        }
        assertEquals(2, atOnce, "both applications held a core at the same time");

        Path nightlyRun = onlyRun(root.resolve("2030-01-02"));
        Path interactiveRun = onlyRun(interactiveOut);
        List<Map<String, String>> nightRows = assertOwnCandidates(nightlyRun, nightly);
        List<Map<String, String>> personRows = assertOwnCandidates(interactiveRun, interactive);
        JsonNode nightCounts = Mappers.json().readTree(nightlyRun.resolve("run.json").toFile()).get("counts");
        JsonNode personCounts = Mappers.json().readTree(interactiveRun.resolve("run.json").toFile()).get("counts");
        long nightKnown = nightRows.stream().filter(r -> earlierFingerprints.contains(r.get("fingerprint"))).count();
        assertEquals(nightKnown, nightCounts.get("reused_from_earlier_runs").asLong(), "nightly reused " + nightCounts);
        assertEquals(SUPERVISED, personCounts.get("reused_from_earlier_runs").asInt(), "interactive reused " + personCounts);
        assertEquals(2, personCounts.get("evaluated_now").asInt(), personCounts.toString());
        assertTrue(nightCounts.get("evaluated_now").asInt() > 0, "the nightly evaluated on the cluster: " + nightCounts);
        assertEquals(earlierFiles, treeHashes(earlier), "the earlier run is unchanged");
        assertEquals(List.of("2030-01-01", "2030-01-02", "interactive"), list(root), "nothing else under the root");

        assertPool(work.resolve("nightly-events"), "nightly");
        assertPool(work.resolve("interactive-events"), "interactive");
    }

    /** Every candidate of the config (by id and fingerprint) exactly once, ok, and the right search front. */
    private static List<Map<String, String>> assertOwnCandidates(Path run, Path config) throws IOException {
        List<Candidate> own = SweepJob.candidates(SweepConfigLoader.plan(Files.readString(config), config.toString()).config());
        List<Map<String, String>> rows = readCsv(run.resolve("results.csv"));
        assertCompleteAndDistinct(rows, own.size());
        Map<String, String> want = new TreeMap<>();
        own.forEach(c -> want.put(Integer.toString(c.id()), c.fingerprint()));
        Map<String, String> got = new TreeMap<>();
        rows.forEach(r -> got.put(r.get("candidate_id"), r.get("fingerprint")));
        assertEquals(want, got, run + ": candidate ids and fingerprints");
        assertEquals(bruteForceFront(rows), ids(readCsv(run.resolve("pareto-search.csv"))), run + ": the search front");
        return rows;
    }

    /** The application ran in FAIR mode, and every job it started was in {@code pool}. */
    private static void assertPool(Path events, String pool) throws IOException {
        EventLog log = EventLog.readOnly(events);
        assertTrue(log.ofType("SparkListenerEnvironmentUpdate").anyMatch(e ->
                "FAIR".equals(e.path("Spark Properties").path("spark.scheduler.mode").asText())), "FAIR mode");
        List<String> pools = log.ofType("SparkListenerJobStart")
                .map(e -> e.path("Properties").path("spark.scheduler.pool").asText("(none)")).toList();
        assertFalse(pools.isEmpty(), "jobs in " + events);
        assertEquals(List.of(pool), pools.stream().distinct().toList(), "pools of the jobs in " + events);
    }

    /** The small CNN sweep of the cluster tests, {@code pool} null for none. */
    private static Path writeConfig(Path file, String name, long seed, int candidates, int batchSize, Path out,
                                    String pool) throws IOException {
        Files.writeString(file, SmallSweeps.config(name, seed, candidates, """
                data: {path: %s, trainSamples: 300, validationSamples: 200}
                training: {epochs: 1, batchSize: 32, learningRate: 0.003}
                devices: [host-cpu, ethos-u55-128]
                execution: {batchSize: %d%s}
                output: %s
                """.formatted(DATA, batchSize, pool == null ? "" : ", pool: " + pool, out.toAbsolutePath())));
        return file;
    }

    /** The supervised driver's JVM: a DriverWrapper started by one of the workers. */
    private static ProcessHandle driverJvm() {
        try {
            for (long worker : cluster.workerPids()) {
                for (ProcessHandle child : ProcessHandle.of(worker).stream().flatMap(ProcessHandle::children).toList()) {
                    if (child.info().arguments().map(a -> List.of(a).contains("org.apache.spark.deploy.worker.DriverWrapper"))
                            .orElse(false)) {
                        return child;
                    }
                }
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    private static JsonNode driver(String driverId) {
        try {
            return cluster.driver(driverId);
        } catch (Exception e) {
            return null; // the master's UI did not answer this once
        }
    }

    /** Polls until {@code value} is non-null; fails when the master gave the driver up or the time runs out. */
    private static <T> T await(String driverId, Duration timeout, String what, Supplier<T> value) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            T v = value.get();
            if (v != null) {
                return v;
            }
            JsonNode d = driver(driverId);
            if (d != null && d.path("state").asText().matches("FAILED|ERROR|KILLED")) {
                throw new AssertionError(driverId + " is " + d.path("state").asText() + " while waiting for " + what
                        + "\n" + LocalCluster.tail(cluster.driverStderr(driverId), 40));
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out after " + timeout + " waiting for " + what + "\n"
                + LocalCluster.tail(cluster.driverStderr(driverId), 40));
    }

    private static List<JournalEntry> entries(Path batchFile) {
        try {
            String name = batchFile.getFileName().toString();
            return BatchFile.decode(Files.readAllBytes(batchFile), Integer.parseInt(name.replaceAll("\\D", "")));
        } catch (IOException e) {
            throw new AssertionError("cannot read " + batchFile, e);
        }
    }

    /** Batch file name to the SHA-256 of its bytes (no temporary or quarantined files). */
    private static Map<String, String> batchHashes(Path batches) {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.list(batches)) {
            for (Path f : s.filter(p -> p.getFileName().toString().matches("batch-\\d+\\.json")).toList()) {
                out.put(f.getFileName().toString(), Sha256.hex(Files.readAllBytes(f)));
            }
        } catch (IOException e) {
            throw new AssertionError("cannot list " + batches, e);
        }
        return out;
    }

    private static Map<String, String> treeHashes(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(f).toString(), Sha256.hex(Files.readAllBytes(f)));
            }
        }
        return out;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
