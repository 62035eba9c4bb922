package io.hwnas.hw.kernel;

import io.hwnas.arch.Architecture;
import io.hwnas.hw.measure.Dl4jLatency;
import io.hwnas.hw.measure.RepeatProtocol;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Times a network's kernels and the whole network with real DL4J inference (batch 1) under one
 * {@link RepeatProtocol}: the kernels and the network are interleaved items of the same protocol, so they see
 * the same machine state. Each kernel runs its nodes' vertices in order on the activations of a forward pass.
 */
public final class KernelTimer implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Kernels kernels;
    private final RepeatProtocol protocol;
    private final long seed;

    public KernelTimer(Kernels kernels, RepeatProtocol protocol, long seed) {
        this.kernels = Objects.requireNonNull(kernels, "kernels");
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        this.seed = seed;
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

    public NetworkTiming kernelsAndNetwork(Architecture arch) {
        List<Kernel> found = kernels.detect(arch);
        try (Dl4jLatency latency = new Dl4jLatency(arch, seed)) {
            List<Runnable> items = new ArrayList<>(found.size() + 1);
            for (Kernel k : found) {
                items.add(latency.nodesRun(k.nodeIds()));
            }
            items.add(latency.networkRun());
            List<RepeatProtocol.Repeats> timed = protocol.measure(items);
            List<KernelTiming> out = new ArrayList<>(found.size());
            for (int i = 0; i < found.size(); i++) {
                out.add(new KernelTiming(found.get(i), timed.get(i)));
            }
            return new NetworkTiming(arch.name(), timed.get(found.size()), out);
        }
    }

    /** The whole network only (evaluation's ground truth and its noise floor). */
    public RepeatProtocol.Repeats network(Architecture arch) {
        try (Dl4jLatency latency = new Dl4jLatency(arch, seed)) {
            return protocol.measure(List.of(latency.networkRun())).get(0);
        }
    }
}
