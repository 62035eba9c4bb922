package io.hwnas.hw.kernel;

import io.hwnas.arch.Architecture;
import io.hwnas.hw.measure.Dl4jLatency;
import io.hwnas.hw.measure.JvmWarmUp;
import io.hwnas.hw.measure.RepeatProtocol;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Times a network's kernels and the whole network with real DL4J inference (batch 1) under one
 * {@link RepeatProtocol}: the kernels and the network are interleaved items of the same protocol, so they see
 * the same machine state. Each kernel runs as a network of its own ({@link KernelProbes}). The first timing in a
 * JVM waits for {@link JvmWarmUp} over the warm-up networks.
 *
 * <p>One timing at a time per JVM, graph building included: tasks of one executor take turns while other
 * executors' JVMs time in parallel. Two tasks timing side by side in one JVM disturb each other far more than the
 * machine explains (on 2 cores, two single-threaded processes each keep their speed and memory bandwidth).
 * Measured (2026-12-06, {@code hwnas predictor evaluate}, 100 held-out nets each timed twice, local[2]): side by
 * side, 12% and 19% of the nets' two timings agree within ±10% (mean absolute difference 42–44%); taking turns,
 * 32% and 33% (23–38%); one task slot (local[1]), 51% (12%).
 */
public final class KernelTimer implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The least share of its probe's time a kernel is given. */
    static final double FLOOR = 0.02;

    private final Kernels kernels;
    private final RepeatProtocol protocol;
    private final long seed;
    private final List<Architecture> warmUp;

    /** @param warmUp varied networks a JVM runs for the protocol's {@code jvmWarmupSeconds} before it times anything */
    public KernelTimer(Kernels kernels, RepeatProtocol protocol, long seed, List<Architecture> warmUp) {
        this.kernels = Objects.requireNonNull(kernels, "kernels");
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        this.seed = seed;
        this.warmUp = List.copyOf(warmUp);
    }

    /** One measured kernel. */
    public record KernelTiming(Kernel kernel, RepeatProtocol.Repeats repeats) implements Serializable {
    }

    /** One measured network: the whole inference and each kernel. */
    public record NetworkTiming(String network, RepeatProtocol.Repeats whole, List<KernelTiming> kernels)
            implements Serializable {
        public NetworkTiming {
            kernels = List.copyOf(kernels);
        }
    }

    /**
     * The network and each of its kernels, all interleaved in one protocol. A kernel's time is its probe network's
     * minus its baseline's ({@link KernelProbes}); a kernel too small to show above the baseline's noise is kept at
     * {@value #FLOOR} of its probe (a log-scale target needs a positive time). Identical probes and baselines are
     * built and timed once.
     */
    public NetworkTiming kernelsAndNetwork(Architecture arch) {
        synchronized (KernelTimer.class) {
            return kernelsAndNetworkAlone(arch);
        }
    }

    private NetworkTiming kernelsAndNetworkAlone(Architecture arch) {
        JvmWarmUp.once(warmUp, protocol.jvmWarmupSeconds(), seed);
        List<Kernel> found = kernels.detect(arch);
        Map<String, Integer> index = new LinkedHashMap<>();
        List<Architecture> distinct = new ArrayList<>();
        int[] probeOf = new int[found.size()];
        int[] baselineOf = new int[found.size()];
        for (int i = 0; i < found.size(); i++) {
            probeOf[i] = indexOf(KernelProbes.probe(arch, found.get(i)), index, distinct);
            baselineOf[i] = indexOf(KernelProbes.baseline(arch, found.get(i)), index, distinct);
        }
        List<Dl4jLatency> graphs = new ArrayList<>();
        try {
            List<Runnable> items = new ArrayList<>(distinct.size() + 1);
            for (Architecture a : distinct) {
                Dl4jLatency latency = new Dl4jLatency(a, seed);
                graphs.add(latency);
                items.add(latency.networkRun());
            }
            Dl4jLatency whole = new Dl4jLatency(arch, seed);
            graphs.add(whole);
            items.add(whole.networkRun());
            List<RepeatProtocol.Repeats> timed = protocol.measure(items);
            List<KernelTiming> out = new ArrayList<>(found.size());
            for (int i = 0; i < found.size(); i++) {
                RepeatProtocol.Repeats probe = timed.get(probeOf[i]);
                double seconds = Math.max(probe.seconds() - timed.get(baselineOf[i]).seconds(), FLOOR * probe.seconds());
                out.add(new KernelTiming(found.get(i), new RepeatProtocol.Repeats(seconds, probe.spread(), probe.kept(),
                        probe.warmupRounds())));
            }
            return new NetworkTiming(arch.name(), timed.get(distinct.size()), out);
        } finally {
            graphs.forEach(Dl4jLatency::close);
        }
    }

    private static int indexOf(Architecture a, Map<String, Integer> index, List<Architecture> distinct) {
        return index.computeIfAbsent(a.fingerprint(), f -> {
            distinct.add(a);
            return distinct.size() - 1;
        });
    }

    /** The whole network only (evaluation's ground truth and its noise floor). */
    public RepeatProtocol.Repeats network(Architecture arch) {
        synchronized (KernelTimer.class) {
            JvmWarmUp.once(warmUp, protocol.jvmWarmupSeconds(), seed);
            try (Dl4jLatency latency = new Dl4jLatency(arch, seed)) {
                return protocol.measure(List.of(latency.networkRun())).get(0);
            }
        }
    }
}
