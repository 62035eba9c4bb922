package io.hwnas.spark.cluster;

import io.hwnas.io.Mappers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Spark standalone cluster on this machine, started and stopped with {@code scripts/cluster-start} and
 * {@code scripts/cluster-stop} exactly as a user would, on free ports, with its logs and pid files in one
 * directory (kept after the run for diagnosis). Sweeps are submitted with the real application jar through
 * {@code SparkSubmit} in a separate JVM. Paths come from the failsafe configuration of the {@code cluster}
 * profile in spark-jobs/pom.xml.
 */
final class LocalCluster implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalCluster.class);
    static final Path ROOT = property("hwnas.root");
    static final Path APP_JAR = property("hwnas.appJar");
    static final Path SPARK_HOME = property("hwnas.sparkHome");
    static final List<String> ADD_OPENS = Arrays.stream(System.getProperty("hwnas.addOpens", "").trim().split("\\s+"))
            .filter(s -> !s.isEmpty()).toList();
    private static final ObjectMapper JSON = Mappers.json();

    final Path dir;
    final int masterPort;
    final int webUiPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private LocalCluster(Path dir, int masterPort, int webUiPort) {
        this.dir = dir;
        this.masterPort = masterPort;
        this.webUiPort = webUiPort;
    }

    /** Starts a master and {@code workers} workers (1 core, 2g each); {@code properties} may be null. */
    static LocalCluster start(Path dir, int workers, Path properties) throws Exception {
        return start(dir, workers, properties, List.of());
    }

    /** As {@link #start(Path, int, Path)}, worker i bound to {@code workerHosts[i]} (none: all on 127.0.0.1). */
    static LocalCluster start(Path dir, int workers, Path properties, List<String> workerHosts) throws Exception {
        if (!Files.isRegularFile(APP_JAR)) {
            throw new IllegalStateException("no application jar at " + APP_JAR + ": run the cluster tests after package");
        }
        deleteRecursively(dir);
        Files.createDirectories(dir);
        LocalCluster cluster = new LocalCluster(dir, freePort(), freePort());
        List<String> args = new ArrayList<>(List.of("--dir", dir.toString(), "--workers", Integer.toString(workers),
                "--cores", "1", "--memory", "2g", "--port", Integer.toString(cluster.masterPort),
                "--webui-port", Integer.toString(cluster.webUiPort)));
        if (properties != null) {
            args.addAll(List.of("--properties-file", properties.toString()));
        }
        if (!workerHosts.isEmpty()) {
            args.addAll(List.of("--worker-hosts", String.join(",", workerHosts)));
        }
        long t0 = System.nanoTime();
        try {
            script("cluster-start", args, dir.resolve("cluster-start.log"), Duration.ofMinutes(3));
        } catch (Exception e) {
            cluster.close(); // cluster-start stops what it started on failure; this also covers a timeout
            throw e;
        }
        LOG.info("cluster of {} workers up in {}s at {}", workers, Math.round((System.nanoTime() - t0) / 1e9),
                cluster.masterUrl());
        return cluster;
    }

    String masterUrl() {
        return "spark://127.0.0.1:" + masterPort;
    }

    /** The master's state ({@code /json/}): workers with id, state, web UI address ... */
    JsonNode masterState() throws Exception {
        return getJson("http://127.0.0.1:" + webUiPort + "/json/");
    }

    JsonNode getJson(String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException(url + " answered HTTP " + r.statusCode());
        }
        return JSON.readTree(r.body());
    }

    /** The worker JVMs' pids, from the pid files cluster-start wrote. */
    List<Long> workerPids() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("worker-\\d+\\.pid")).sorted()
                    .map(p -> Long.parseLong(read(p).trim())).toList();
        }
    }

    /**
     * Submits {@code hwnas sweep config} in client mode with the application jar. Event logs go to
     * {@code eventLogDir}; the driver's UI listens on a free port, so submissions never contend for one.
     * The driver waits for every executor before the first job, so a sweep really spreads over the workers.
     * {@code properties} (may be null) is passed with --properties-file, e.g. for the authentication secret.
     */
    Submission submit(String name, Path config, Path eventLogDir, Path properties) throws Exception {
        return submit(name, eventLogDir, properties, "sweep", config.toString());
    }

    /** Submits the application jar with any hwnas command line ({@code sweep CONFIG}, {@code train-front RUN} ...). */
    Submission submit(String name, Path eventLogDir, Path properties, String... hwnasArgs) throws Exception {
        return submit(name, eventLogDir, properties, List.of(), hwnasArgs);
    }

    /** As above, with more spark-submit options ({@code --conf k=v}, {@code --jars ...}) before the jar. */
    Submission submit(String name, Path eventLogDir, Path properties, List<String> submitOptions, String... hwnasArgs)
            throws Exception {
        Files.createDirectories(eventLogDir);
        Path confDir = Files.createDirectories(dir.resolve("submit-conf"));
        int uiPort = freePort();
        String addOpens = String.join(" ", ADD_OPENS);
        List<String> cmd = new ArrayList<>(List.of(javaBin(), "-Xmx1g"));
        cmd.addAll(ADD_OPENS);
        cmd.addAll(List.of("-cp", SPARK_HOME.resolve("jars") + "/*", "org.apache.spark.deploy.SparkSubmit",
                "--master", masterUrl(), "--deploy-mode", "client", "--class", "io.hwnas.spark.cli.HwnasCli",
                "--conf", "spark.executor.extraJavaOptions=" + addOpens,
                "--conf", "spark.executor.memory=1g",
                "--conf", "spark.eventLog.enabled=true",
                "--conf", "spark.eventLog.compress=false",
                "--conf", "spark.eventLog.dir=" + eventLogDir.toUri(),
                "--conf", "spark.scheduler.minRegisteredResourcesRatio=1.0",
                "--conf", "spark.ui.port=" + uiPort));
        if (properties != null) {
            cmd.addAll(List.of("--properties-file", properties.toString()));
        }
        cmd.addAll(submitOptions);
        cmd.add(APP_JAR.toString());
        cmd.addAll(List.of(hwnasArgs));
        Path out = dir.resolve(name + ".driver.out");
        Path err = dir.resolve(name + ".driver.err");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        Map<String, String> env = pb.environment();
        env.put("SPARK_HOME", SPARK_HOME.toString());
        env.put("SPARK_SCALA_VERSION", "2.12");
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("SPARK_CONF_DIR", confDir.toString()); // empty: no spark-defaults.conf from the environment
        LOG.info("submitting {}: {}", name, String.join(" ", cmd));
        return new Submission(name, pb.start(), out, err);
    }

    /**
     * Submits the application jar in cluster deploy mode with {@code --supervise}: the master starts the driver on a
     * worker, and the worker starts it again, with the same arguments, whenever it exits non-zero. SparkSubmit returns
     * once the driver is accepted; returns the driver's id.
     */
    String submitSupervised(String name, List<String> submitOptions, String... hwnasArgs) throws Exception {
        String addOpens = String.join(" ", ADD_OPENS);
        List<String> cmd = new ArrayList<>(List.of(javaBin(), "-Xmx256m"));
        cmd.addAll(ADD_OPENS);
        cmd.addAll(List.of("-cp", SPARK_HOME.resolve("jars") + "/*", "org.apache.spark.deploy.SparkSubmit",
                "--master", masterUrl(), "--deploy-mode", "cluster", "--supervise", "--driver-memory", "1g",
                "--class", "io.hwnas.spark.cli.HwnasCli",
                "--conf", "spark.driver.extraJavaOptions=" + addOpens,
                "--conf", "spark.executor.extraJavaOptions=" + addOpens,
                "--conf", "spark.executor.memory=1g",
                "--conf", "spark.ui.enabled=false"));
        cmd.addAll(submitOptions);
        cmd.add(APP_JAR.toString());
        cmd.addAll(List.of(hwnasArgs));
        Path log = dir.resolve(name + ".submit.log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPARK_HOME", SPARK_HOME.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.12");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("SPARK_CONF_DIR", Files.createDirectories(dir.resolve("submit-conf")).toString());
        LOG.info("submitting {} (cluster mode, supervised): {}", name, String.join(" ", cmd));
        Process p = pb.start();
        if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new AssertionError(name + ": spark-submit failed\n" + tail(log, 30));
        }
        Matcher m = Pattern.compile("submitted as (driver-\\S+)").matcher(read(log));
        if (!m.find()) {
            throw new AssertionError(name + ": no driver id in the spark-submit log\n" + tail(log, 30));
        }
        return m.group(1);
    }

    /** The master's record of a driver ({@code id, state, worker ...}), active or completed; null when unknown. */
    JsonNode driver(String driverId) throws Exception {
        JsonNode state = masterState();
        for (String list : List.of("activedrivers", "completeddrivers")) {
            for (JsonNode d : state.path(list)) {
                if (driverId.equals(d.path("id").asText())) {
                    return d;
                }
            }
        }
        return null;
    }

    /** The stderr of a driver the workers ran, both launches of a supervised one included. */
    Path driverStderr(String driverId) throws IOException {
        try (Stream<Path> s = Files.walk(dir.resolve("work"), 2)) {
            return s.filter(p -> p.getFileName().toString().equals(driverId)).findFirst()
                    .map(p -> p.resolve("stderr")).orElse(dir.resolve("work").resolve(driverId + "-not-launched"));
        }
    }

    @Override
    public void close() {
        try {
            script("cluster-stop", List.of("--dir", dir.toString()), dir.resolve("cluster-stop.log"), Duration.ofMinutes(2));
        } catch (Exception e) {
            LOG.error("cluster-stop failed for {}", dir, e);
        }
        // every executor fetched its own copy of the ~170 MB application jar; the logs stay for diagnosis
        try (Stream<Path> s = Files.walk(dir.resolve("work"))) {
            for (Path jar : s.filter(p -> p.toString().endsWith(".jar")).toList()) {
                Files.deleteIfExists(jar);
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("could not remove application jar copies under {}", dir, e);
        }
    }

    /** A sweep being driven by a SparkSubmit process. */
    record Submission(String name, Process process, Path stdout, Path stderr) {

        /** Waits for the driver to exit with 0; otherwise fails with the tail of its log. */
        void awaitSuccess(Duration timeout) throws Exception {
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(name + ": driver still running after " + timeout + "\n" + tail(stderr, 40));
            }
            if (process.exitValue() != 0) {
                throw new AssertionError(name + ": driver exited with " + process.exitValue() + "\n" + tail(stderr, 40)
                        + "\nstdout:\n" + tail(stdout, 10));
            }
        }
    }

    /**
     * A test's Spark plugin (and its nested classes) alone in {@code jar}, for {@code --jars}: the application jar
     * holds no test class.
     */
    static Path pluginJar(Class<?> plugin, Path jar) throws IOException {
        Path classes = Path.of(plugin.getProtectionDomain().getCodeSource().getLocation().getPath());
        String dir = plugin.getPackageName().replace('.', '/');
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             Stream<Path> s = Files.list(classes.resolve(dir))) {
            for (Path c : s.filter(p -> p.getFileName().toString().startsWith(plugin.getSimpleName() + ".")
                    || p.getFileName().toString().startsWith(plugin.getSimpleName() + "$")).toList()) {
                out.putNextEntry(new JarEntry(dir + "/" + c.getFileName()));
                out.write(Files.readAllBytes(c));
                out.closeEntry();
            }
        }
        return jar;
    }

    static void script(String name, List<String> args, Path log, Duration timeout) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", ROOT.resolve("scripts").resolve(name).toString()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("HWNAS_SPARK_HOME", SPARK_HOME.toString());
        Process p = pb.start();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new IllegalStateException(name + " did not finish in " + timeout + ":\n" + tail(log, 60));
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(name + " exited with " + p.exitValue() + ":\n" + tail(log, 60));
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    static String tail(Path file, int lines) {
        if (!Files.exists(file)) {
            return "(no " + file + ")";
        }
        List<String> all = read(file).lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1); // logs may hold any bytes
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Path property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set: run the cluster tests with "
                    + "`mvn verify -Pcluster` (spark-jobs/pom.xml sets it)");
        }
        return Path.of(value).toAbsolutePath().normalize();
    }
}
