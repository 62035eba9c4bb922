package io.hwnas.hw;

import io.hwnas.arch.Activation;
import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureCounts;
import io.hwnas.arch.BatchNorm;
import io.hwnas.arch.Concat;
import io.hwnas.arch.Conv2d;
import io.hwnas.arch.Dense;
import io.hwnas.arch.DepthwiseConv2d;
import io.hwnas.arch.Dropout;
import io.hwnas.arch.Flatten;
import io.hwnas.arch.Layer;
import io.hwnas.arch.LayerCount;
import io.hwnas.arch.Node;
import io.hwnas.arch.Shape;
import io.hwnas.cost.CostModel;
import io.hwnas.cost.CostReport;
import io.hwnas.cost.LayerCost;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Per-layer roofline estimate from a {@link DeviceProfile}, summed, plus the per-inference overhead
 * (algorithms.md §8; the per-layer-sum structure follows nn-Meter / OFA latency tables). Batch 1.
 *
 * <ul>
 *   <li><b>conv / depthwise / dense</b>: compute = MACs / (clock · macsPerCycle · efficiency(op class)); memory =
 *       (input + output activation bytes + weight bytes) / bandwidth; latency = max of the two.</li>
 *   <li><b>batch-norm</b> directly after a conv/dense whose only consumer it is, on a device with
 *       {@code fusion.bnIntoConv}: folded, free (bound {@code fused}). Otherwise element work.</li>
 *   <li><b>activation</b> by the device's {@link ActivationSupport}: {@code fused} is free only when
 *       {@code fusion.activationIntoConv} holds and its producer is a conv/dense or a folded BN whose only
 *       consumer it is, else it is charged as {@code native}; {@code native}/{@code lut} are element rooflines at
 *       their rates; {@code fallback} costs transfer + elements / CPU rate + both tensor moves over the
 *       bandwidth, in series (bound {@code fallback}). Identity is free.</li>
 *   <li><b>pooling, global pooling, add, unfolded BN</b>: compute = element ops / (clock · elementOpsPerCycle),
 *       roofline against their tensor bytes.</li>
 *   <li><b>concat</b>: a copy, memory only. <b>flatten, dropout</b>: free at inference (reported with bound
 *       {@code fused}, latency 0).</li>
 * </ul>
 * Weight bytes are parameters × bytesPerElement (int32 biases of int8 devices are not modelled separately).
 * Peak memory = {@link ArchitectureCounts#peakActivationElements()} × bytesPerElement.
 */
public final class AnalyticalCostModel implements CostModel {
    private static final long serialVersionUID = 1L;

    public static final String COMPUTE = "compute";
    public static final String MEMORY = "memory";
    public static final String FUSED = "fused";
    public static final String FALLBACK = "fallback";

    private final DeviceProfile profile;

    public AnalyticalCostModel(DeviceProfile profile) {
        this.profile = Objects.requireNonNull(profile, "profile");
    }

    /** The model for a bundled device id or a profile file path. */
    public static AnalyticalCostModel forDevice(String idOrPath) {
        return new AnalyticalCostModel(DeviceProfiles.resolve(idOrPath));
    }

    public DeviceProfile profile() {
        return profile;
    }

    @Override
    public String device() {
        return profile.id();
    }

    @Override
    public CostReport estimate(Architecture architecture) {
        Objects.requireNonNull(architecture, "architecture");
        ArchitectureCounts counts = ArchitectureCounts.of(architecture);
        Map<String, Integer> consumers = consumerCounts(architecture);
        // nodes whose output an activation may be fused onto: convs/denses and the BNs folded into them
        Set<String> fusableProducers = new HashSet<>();
        List<LayerCost> rows = new ArrayList<>(architecture.nodes().size());
        double total = 0;
        for (int i = 0; i < architecture.nodes().size(); i++) {
            Node node = architecture.nodes().get(i);
            LayerCount count = counts.layers().get(i);
            LayerCost cost = cost(architecture, node, count, consumers, fusableProducers);
            rows.add(cost);
            total += cost.latencySeconds();
        }
        total += profile.perInferenceOverheadSeconds();
        long peakBytes = Math.multiplyExact(counts.peakActivationElements(), (long) profile.bytesPerElement());
        boolean fits = profile.onChipMemoryBytes() == 0 || peakBytes <= profile.onChipMemoryBytes();
        return new CostReport(profile.id(), total, peakBytes, fits, rows);
    }

    private LayerCost cost(Architecture arch, Node node, LayerCount count, Map<String, Integer> consumers,
                           Set<String> fusableProducers) {
        Layer layer = node.layer();
        List<Shape> inputs = arch.inputShapes(node);
        double inBytes = 0;
        for (Shape s : inputs) {
            inBytes += bytes(s.elements());
        }
        double outBytes = bytes(count.outputElements());
        double bandwidth = profile.memoryBandwidthBytesPerSecond();

        if (layer instanceof Conv2d || layer instanceof DepthwiseConv2d || layer instanceof Dense) {
            OpClass opClass = OpClass.of(layer, inputs.get(0)).orElseThrow();
            double compute = count.macs() / (profile.peakMacsPerSecond() * profile.efficiency(opClass));
            double memory = (inBytes + outBytes + bytes(count.trainableParams())) / bandwidth;
            fusableProducers.add(node.id());
            return roofline(node, compute, memory);
        }
        if (layer instanceof BatchNorm) {
            String producer = node.inputs().get(0);
            if (profile.fusion().bnIntoConv() && isMacLayer(arch, producer) && consumers.get(producer) == 1) {
                fusableProducers.add(node.id());
                return free(node);
            }
            return elementWork(node, count, (inBytes + outBytes + bytes(count.trainableParams())) / bandwidth);
        }
        if (layer instanceof Activation act) {
            return activation(node, act.function(), count, inBytes, outBytes, consumers, fusableProducers);
        }
        if (layer instanceof Flatten || layer instanceof Dropout) {
            return free(node);
        }
        if (layer instanceof Concat) {
            return roofline(node, 0, (inBytes + outBytes) / bandwidth);
        }
        // Pool2d, GlobalPool, Add: element work against their tensors
        return elementWork(node, count, (inBytes + outBytes) / bandwidth);
    }

    private LayerCost activation(Node node, ActivationType function, LayerCount count, double inBytes, double outBytes,
                                 Map<String, Integer> consumers, Set<String> fusableProducers) {
        if (function == ActivationType.IDENTITY) {
            return free(node);
        }
        long elements = count.elementOps();
        double memory = (inBytes + outBytes) / profile.memoryBandwidthBytesPerSecond();
        String producer = node.inputs().get(0);
        switch (profile.support(function)) {
            case FUSED:
                if (profile.fusion().activationIntoConv() && fusableProducers.contains(producer)
                        && consumers.get(producer) == 1) {
                    return free(node);
                }
                return roofline(node, elements / (profile.clockHz() * profile.nativeElementsPerCycle()), memory);
            case NATIVE:
                return roofline(node, elements / (profile.clockHz() * profile.nativeElementsPerCycle()), memory);
            case LUT:
                return roofline(node, elements / (profile.clockHz() * profile.lutElementsPerCycle()), memory);
            case FALLBACK:
                double compute = elements / profile.fallbackElementsPerSecond();
                double latency = profile.fallbackTransferSeconds() + compute + memory;
                return new LayerCost(node.id(), node.op(), latency, compute, memory, FALLBACK);
            default:
                throw new IllegalStateException("unhandled activation support " + profile.support(function));
        }
    }

    private LayerCost elementWork(Node node, LayerCount count, double memory) {
        return roofline(node, count.elementOps() / (profile.clockHz() * profile.elementOpsPerCycle()), memory);
    }

    private static LayerCost roofline(Node node, double compute, double memory) {
        return new LayerCost(node.id(), node.op(), Math.max(compute, memory), compute, memory,
                compute >= memory ? COMPUTE : MEMORY);
    }

    private static LayerCost free(Node node) {
        return new LayerCost(node.id(), node.op(), 0, 0, 0, FUSED);
    }

    private double bytes(long elements) {
        return (double) elements * profile.bytesPerElement();
    }

    private static boolean isMacLayer(Architecture arch, String id) {
        if (Node.INPUT.equals(id)) {
            return false;
        }
        Layer l = arch.node(id).layer();
        return l instanceof Conv2d || l instanceof DepthwiseConv2d || l instanceof Dense;
    }

    /** How many nodes read each tensor; the network output counts as read once more. */
    private static Map<String, Integer> consumerCounts(Architecture arch) {
        Map<String, Integer> n = new HashMap<>();
        for (Node node : arch.nodes()) {
            n.putIfAbsent(node.id(), 0);
            for (String in : node.inputs().stream().distinct().toList()) {
                n.merge(in, 1, Integer::sum);
            }
        }
        n.merge(arch.output().id(), 1, Integer::sum);
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AnalyticalCostModel other && profile.equals(other.profile);
    }

    @Override
    public int hashCode() {
        return profile.hashCode();
    }

    @Override
    public String toString() {
        return "AnalyticalCostModel[" + profile.id() + "]";
    }
}
