package io.hwnas.spark.store;

import io.hwnas.io.AtomicFiles;
import io.hwnas.io.BadInputException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps two drivers from running one named run at once (two {@code sweep --run-id X} started together, or a nightly
 * started twice): the driver holds a lease file beside the run's directory, {@code .<id>.lease}, and rewrites it every
 * few seconds while it runs. Another driver that finds the file watches it for a while: rewritten, its holder is alive
 * and the run is refused (exit 2); left alone, its holder died (a killed driver, whose restart under
 * {@code --supervise} is the usual finder) and the lease is taken over. Watching for a change rather than comparing
 * timestamps keeps it right across hosts whose clocks differ. It is a check, not a lock: two drivers that find no
 * lease at the same instant can both start.
 */
public final class RunLease implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunLease.class);

    /**
     * @param renewEvery how often the holder rewrites the lease
     * @param watchFor   how long a finder watches a lease for a rewrite before it takes it over: several renewals,
     *                   so that a holder slowed by a loaded machine or a long GC pause still shows it is alive
     */
    public record Timing(Duration renewEvery, Duration watchFor) {
        public static final Timing STANDARD = new Timing(Duration.ofSeconds(2), Duration.ofSeconds(10));

        public Timing {
            if (renewEvery.isNegative() || renewEvery.isZero() || watchFor.compareTo(renewEvery.multipliedBy(3)) < 0) {
                throw new IllegalArgumentException("a lease is watched for at least 3 renewals: renewEvery "
                        + renewEvery + ", watchFor " + watchFor);
            }
        }
    }

    private final FileSystem fs;
    private final Path file;
    private final String holder;
    private final AtomicLong beats = new AtomicLong();
    private final ScheduledExecutorService renewer;

    private RunLease(FileSystem fs, Path file, String holder, Timing timing) throws IOException {
        this.fs = fs;
        this.file = file;
        this.holder = holder;
        write();
        LOG.info("run lease {} taken by {}", file, holder);
        this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hwnas-run-lease");
            t.setDaemon(true);
            return t;
        });
        long every = timing.renewEvery().toMillis();
        renewer.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Takes the lease on run {@code runId} under {@code outputRoot}, watching a lease found there first.
     *
     * @throws BadInputException when another driver holds it and is alive
     */
    public static RunLease acquire(String outputRoot, String runId, Configuration hadoop, Timing timing) {
        Path root = new Path(outputRoot);
        try {
            FileSystem fs = root.getFileSystem(hadoop);
            Path file = new Path(fs.makeQualified(root), "." + runId + ".lease");
            String holder = host() + "/" + ProcessHandle.current().pid() + " " + UUID.randomUUID();
            Optional<String> found = read(fs, file);
            if (found.isPresent()) {
                watch(fs, file, found.get(), runId, timing);
                LOG.warn("run {}: the lease of {} was not renewed for {} s: its driver is gone; taking it over",
                        runId, found.get(), timing.watchFor().toSeconds());
            }
            return new RunLease(fs, file, holder, timing);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot take the lease of run " + runId + " under " + outputRoot + ": "
                    + e.getMessage(), e);
        }
    }

    /** Returns when the lease was left alone for {@code timing.watchFor()}, or was given up meanwhile. */
    private static void watch(FileSystem fs, Path file, String seen, String runId, Timing timing) throws IOException {
        long deadline = System.nanoTime() + timing.watchFor().toNanos();
        long poll = Math.max(1, timing.renewEvery().toMillis() / 2);
        while (System.nanoTime() < deadline) {
            try {
                Thread.sleep(poll);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while watching " + file, e);
            }
            Optional<String> now = read(fs, file);
            if (now.isEmpty()) {
                return;
            }
            if (!now.get().equals(seen)) {
                throw new BadInputException("run '" + runId + "': another driver is running it now ("
                        + holder(now.get()) + ", lease " + file + "); wait for it to finish or choose another id");
            }
        }
    }

    private void renew() {
        try {
            Optional<String> now = read(fs, file);
            if (now.isPresent() && !now.get().startsWith(holder + " ")) {
                // this driver stalled past the watch: two now run the same run; say so, the journal stays valid
                LOG.error("run lease {} was taken over by {} while this driver held it", file, now.get());
            }
            write();
        } catch (IOException | RuntimeException e) {
            // a missed renewal is harmless unless several in a row are: then another driver may take over
            LOG.warn("cannot renew the run lease {}: {}", file, e.toString());
        }
    }

    private void write() throws IOException {
        byte[] text = (holder + " " + beats.incrementAndGet() + "\n").getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(fs, file, text, true);
    }

    private static Optional<String> read(FileSystem fs, Path file) throws IOException {
        try (var in = fs.open(file)) {
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
        } catch (FileNotFoundException e) {
            return Optional.empty();
        }
    }

    /** The host and process of a lease's text, without its token and beat. */
    private static String holder(String lease) {
        String[] parts = lease.split(" ");
        return parts.length > 0 ? "held by " + parts[0] : "held";
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }

    /** Stops renewing and removes the lease, unless another driver has taken it over meanwhile. */
    @Override
    public void close() {
        renewer.shutdown();
        try {
            // a renewal under way would otherwise write the lease again after it is removed
            renewer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (read(fs, file).filter(s -> s.startsWith(holder + " ")).isPresent()) {
                fs.delete(file, false);
            }
        } catch (IOException e) {
            LOG.warn("cannot remove the run lease {}: {}", file, e.toString());
        }
    }
}
