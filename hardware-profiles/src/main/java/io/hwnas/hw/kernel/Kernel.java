package io.hwnas.hw.kernel;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One kernel the runtime executes: a node and the nodes the device fuses into it (conv + folded BN + fused
 * activation), with the features its latency is predicted from ({@link KernelFeatures}).
 *
 * @param nodeIds the nodes it runs, first the one that names it
 */
public record Kernel(KernelType type, List<String> nodeIds, double[] features) implements Serializable {

    public Kernel {
        Objects.requireNonNull(type, "type");
        nodeIds = List.copyOf(nodeIds);
        if (nodeIds.isEmpty()) {
            throw new IllegalArgumentException("a kernel runs at least one node");
        }
        if (features.length != KernelFeatures.NAMES.size()) {
            throw new IllegalArgumentException("a kernel has " + KernelFeatures.NAMES.size() + " features, got "
                    + features.length);
        }
        features = features.clone();
    }

    @Override
    public double[] features() {
        return features.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Kernel k && type == k.type && nodeIds.equals(k.nodeIds) && Arrays.equals(features, k.features);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, nodeIds, Arrays.hashCode(features));
    }

    @Override
    public String toString() {
        return type.id() + nodeIds + Arrays.toString(features);
    }
}
