package io.hwnas.hw.measure;

import io.hwnas.arch.Architecture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Brings this JVM's DL4J and ND4J code to its steady speed before anything in it is timed, once per JVM.
 *
 * <p>A {@link RepeatProtocol}'s warm-up settles one network's own timings, but not the JVM's: the Java paths
 * every network shares (op dispatch, workspaces, array creation, each layer type's code) keep getting faster
 * for tens of seconds of varied inference. Measured (2026-12-06, one core, 30 nets sampled from the example
 * spaces, each timed twice under the predictor's protocol): with no warm-up the two timings of a net differ by
 * 12–17% (mean absolute) and 27–53% of nets agree within ±10%; after 20 s of running all 30 in turn, 3–9% and
 * 70–93%; after 20 s of running one of them over and over, 14–27% and 27–43%, as if none. So the warm-up runs
 * many different networks, round robin.
 */
public final class JvmWarmUp {
    private static final Logger LOG = LoggerFactory.getLogger(JvmWarmUp.class);
    /** How many networks callers warm up on: as many as the measurement above. */
    public static final int NETWORKS = 30;
    /** Whether this JVM has been warmed up (guarded by the class lock, which callers wait on meanwhile). */
    private static boolean done;

    private JvmWarmUp() {
    }

    /** The first {@link #NETWORKS} of {@code nets}: what to warm up on before timing them. */
    public static List<Architecture> sample(List<Architecture> nets) {
        return List.copyOf(nets.subList(0, Math.min(NETWORKS, nets.size())));
    }

    /**
     * Runs batch-1 inference of {@code nets} in turn for {@code seconds}, unless this JVM already has; concurrent
     * callers (tasks sharing an executor) wait for the one doing it. Nothing happens for 0 seconds or no nets.
     *
     * @return whether this call ran the warm-up
     */
    public static synchronized boolean once(List<Architecture> nets, double seconds, long seed) {
        if (done || seconds <= 0 || nets.isEmpty()) {
            return false;
        }
        List<Dl4jLatency> graphs = new ArrayList<>(nets.size());
        try {
            for (Architecture a : nets) {
                graphs.add(new Dl4jLatency(a, seed));
            }
            long start = System.nanoTime();
            long end = start + (long) (seconds * 1e9);
            int passes = 0;
            while (System.nanoTime() < end) {
                for (Dl4jLatency g : graphs) {
                    g.networkRun().run();
                }
                passes++;
            }
            LOG.info("JVM warm-up: {} passes over {} networks in {} s", passes, graphs.size(),
                    String.format("%.1f", (System.nanoTime() - start) * 1e-9));
            done = true;
            return true;
        } finally {
            graphs.forEach(Dl4jLatency::close);
        }
    }
}
