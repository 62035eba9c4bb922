package io.hwnas.hw;

import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Architecture;
import io.hwnas.cost.CostModel;
import io.hwnas.cost.CostReport;
import io.hwnas.cost.LayerCost;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Per-layer roofline estimate from a {@link DeviceProfile}, summed, plus the per-inference overhead
 * (algorithms.md §8; the per-layer-sum structure follows nn-Meter / OFA latency tables). Batch 1, at the
 * profile's {@link DeviceProfile#dataType() data type}.
 *
 * <ul>
 *   <li><b>conv / depthwise / dense</b>: compute = MACs × channel-alignment padding / (clock · macsPerCycle ·
 *       efficiency(op class)); memory = (input + output activation bytes) / memory bandwidth + weight bytes /
 *       weight bandwidth; latency = max of the two.</li>
 *   <li><b>batch-norm</b> directly after a conv/dense whose only reader it is, on a device with
 *       {@code fusion.bnIntoConv}: folded, free (bound {@code fused}; {@link Fusion#absorbs}). Otherwise element-wise
 *       work.</li>
 *   <li><b>activation</b> by the device's {@link ActivationSupport}: {@code fused} is free only when
 *       {@code fusion.activationIntoConv} holds and its producer is a conv/dense or a folded BN whose only
 *       reader it is, else it is charged as {@code native}; {@code native}/{@code lut} are element rooflines at
 *       the activation's rate; {@code fallback} costs transfer + elements / CPU rate + both tensor moves over the
 *       bandwidth, in series (bound {@code fallback}). Identity is free.</li>
 *   <li><b>pooling, global pooling</b> (efficiency {@code pooling}) and <b>add, multiply (squeeze-excite's
 *       broadcast included), PReLU, unfolded BN</b> ({@code elementwise}): element ops / (clock ·
 *       elementOpsPerCycle · efficiency), roofline against their tensor bytes (PReLU's slopes included). On the
 *       Ethos-U profiles these are NPU element-wise operations: Vela's SUPPORTED_OPS.md lists MUL and PRELU.</li>
 *   <li><b>concat, depth-to-space, nearest upsample</b>: a copy, memory only (Vela lists
 *       RESIZE_NEAREST_NEIGHBOR for the Ethos-U NPU; depth-to-space is modelled as the same on-NPU copy).
 *       <b>flatten, dropout</b>: free at inference.</li>
 *   <li>Every layer that is not free also pays its group's fixed overhead ({@code overheads.layerGroupSeconds.<group>},
 *       else {@code overheads.perLayerSeconds}).</li>
 * </ul>
 * Peak memory = the device's tensor arena ({@link ArenaMemory}: nodes the device absorbs write no tensor, the rest
 * are placed greedily by liveness), plus all weight bytes when {@code weightsOnChip}. Costing one architecture on
 * several devices: compute {@link NetworkWork#of} once and call {@link #estimate(NetworkWork)} per device.
 */
public final class AnalyticalCostModel implements CostModel {
    private static final long serialVersionUID = 2L;

    public static final String COMPUTE = "compute";
    public static final String MEMORY = "memory";
    public static final String FUSED = "fused";
    public static final String FALLBACK = "fallback";

    private final DeviceProfile profile;
    // derived once: the inner loop runs per node per estimate
    private final double bytes;
    private final double secondsPerActivationByte;
    private final double secondsPerWeightByte;
    private final double[] secondsPerUnit = new double[OpClass.values().length];
    private final double[] secondsPerActivationElement = new double[ActivationType.values().length];
    private final double[] overheads = new double[Overheads.LAYER_GROUPS.size()];

    public AnalyticalCostModel(DeviceProfile profile) {
        this.profile = Objects.requireNonNull(profile, "profile");
        Compute compute = profile.compute();
        ActivationCosts activations = profile.activations();
        bytes = profile.bytesPerElement();
        secondsPerActivationByte = 1 / profile.memory().bandwidthBytesPerSecond();
        secondsPerWeightByte = 1 / profile.memory().weightBandwidthBytesPerSecond();
        for (OpClass c : OpClass.values()) {
            double peak = c.carriesMacs() ? profile.peakMacsPerSecond() : compute.clockHz() * compute.elementOpsPerCycle();
            secondsPerUnit[c.ordinal()] = 1 / (peak * compute.efficiency(c));
        }
        for (int g = 0; g < overheads.length; g++) {
            overheads[g] = profile.overheads().layerSeconds(Overheads.LAYER_GROUPS.get(g));
        }
        for (ActivationType t : ActivationType.values()) {
            secondsPerActivationElement[t.ordinal()] = switch (activations.support(t)) {
                case FALLBACK -> 1 / activations.fallback().elementsPerSecond();
                default -> t.isNonLinear() ? 1 / (compute.clockHz() * activations.elementsPerCycle(t)) : 0;
            };
        }
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
        return estimate(NetworkWork.of(Objects.requireNonNull(architecture, "architecture")));
    }

    public CostReport estimate(NetworkWork work) {
        List<NodeWork> nodes = work.nodes();
        List<LayerCost> rows = new ArrayList<>(nodes.size());
        double total = profile.overheads().perInferenceSeconds();
        for (NodeWork node : nodes) {
            LayerCost cost = cost(node);
            rows.add(cost);
            total += cost.latencySeconds();
        }
        long peakBytes = ArenaMemory.peakBytes(profile, work);
        boolean fits = profile.memory().fits(peakBytes);
        return new CostReport(profile.id(), total, peakBytes, fits, rows);
    }

    private LayerCost cost(NodeWork node) {
        if (profile.fusion().absorbs(node, profile.activations())) {
            return free(node);
        }
        double ioMemory = node.ioElements() * bytes * secondsPerActivationByte;
        switch (node.kind()) {
            case MAC: {
                double padding = profile.compute().channelAlignment().padding(node.inChannels(), node.outChannels());
                double compute = node.macs() * padding * secondsPerUnit[node.opClass().ordinal()];
                double memory = ioMemory + node.weightElements() * bytes * secondsPerWeightByte;
                return roofline(node, compute, memory);
            }
            case BATCH_NORM:
                return roofline(node, node.elementOps() * secondsPerUnit[OpClass.ELEMENTWISE.ordinal()],
                        ioMemory + node.weightElements() * bytes * secondsPerWeightByte);
            case ACTIVATION:
                return activation(node, ioMemory);
            case ELEMENT:
                return roofline(node, node.elementOps() * secondsPerUnit[node.opClass().ordinal()], ioMemory);
            case COPY:
                return roofline(node, 0, ioMemory);
            default:
                throw new IllegalStateException("unhandled node kind " + node.kind());
        }
    }

    private LayerCost activation(NodeWork node, double memory) {
        ActivationType function = node.activation();
        double compute = node.elementOps() * secondsPerActivationElement[function.ordinal()];
        switch (profile.activations().support(function)) {
            case FUSED: // one that cannot fuse here runs natively
            case NATIVE:
            case LUT:
                return roofline(node, compute, memory);
            case FALLBACK:
                double latency = profile.activations().fallback().transferSeconds() + compute + memory + overhead(node);
                return new LayerCost(node.nodeId(), node.op(), latency, compute, memory, FALLBACK);
            default:
                throw new IllegalStateException("unhandled activation support " + profile.activations().support(function));
        }
    }

    private LayerCost roofline(NodeWork node, double compute, double memory) {
        return new LayerCost(node.nodeId(), node.op(), Math.max(compute, memory) + overhead(node),
                compute, memory, compute >= memory ? COMPUTE : MEMORY);
    }

    private double overhead(NodeWork node) {
        return overheads[Overheads.groupIndex(node)];
    }

    private static LayerCost free(NodeWork node) {
        return new LayerCost(node.nodeId(), node.op(), 0, 0, 0, FUSED);
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
