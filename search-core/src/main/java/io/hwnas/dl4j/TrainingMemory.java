package io.hwnas.dl4j;

import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureCounts;

import java.io.Serializable;
import java.util.Locale;

/**
 * An upper estimate of the off-heap memory (ND4J arrays, DL4J workspaces, oneDNN buffers) one training of a
 * network takes, in float32 as {@link GraphBuilder} builds it: parameters, their gradients and Adam's two moments,
 * the layers' state (batch-norm statistics), and per minibatch every activation kept for backpropagation, its
 * gradient and the workspace DL4J and {@code io.hwnas.dl4j.onednn} keep beside them (channels-last copies, oneDNN
 * scratchpads; measured, see {@code TrainingMemoryTest}), plus the input minibatch.
 *
 * @param parameterBytes weights, gradients and optimizer state
 * @param activationBytes activations, their gradients and workspace for one minibatch
 */
public record TrainingMemory(long parameterBytes, long activationBytes) implements Serializable {
    /** float32. */
    static final int BYTES = 4;
    /** Weights, their gradients, Adam's first and second moments. */
    static final int PARAMETER_COPIES = 4;
    /**
     * Activation, its gradient, and the workspace's copies and slack beside them. A training's resident memory grows
     * by 1.5 to 2.2 times batch x activations x 4 bytes (three CNNs, {@code TrainingMemoryTest}); 3 keeps the estimate
     * above it.
     */
    static final int ACTIVATION_COPIES = 3;

    public TrainingMemory {
        if (parameterBytes < 0 || activationBytes < 0) {
            throw new IllegalArgumentException("memory estimate " + parameterBytes + " + " + activationBytes
                    + " bytes must be >= 0");
        }
    }

    public static TrainingMemory of(Architecture arch, int batchSize) {
        ArchitectureCounts counts = ArchitectureCounts.of(arch);
        long parameters = Math.multiplyExact((long) BYTES,
                Math.addExact(Math.multiplyExact(counts.trainableParams(), PARAMETER_COPIES), counts.stateParams()));
        long perSample = Math.addExact(Math.multiplyExact(counts.activationElements(), ACTIVATION_COPIES),
                arch.input().elements());
        return new TrainingMemory(parameters, Math.multiplyExact(Math.multiplyExact(perSample, BYTES), (long) batchSize));
    }

    public long bytes() {
        return parameterBytes + activationBytes;
    }

    /** e.g. "2.3 GiB (parameters 12 MiB, activations 2.3 GiB)". */
    public String describe() {
        return size(bytes()) + " (parameters and optimizer " + size(parameterBytes) + ", activations "
                + size(activationBytes) + ")";
    }

    /** Bytes in binary units with one decimal: "512 B", "3.0 MiB", "1.2 GiB". */
    public static String size(long bytes) {
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
