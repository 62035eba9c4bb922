package io.hwnas.hw;

import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Activation;
import io.hwnas.arch.Add;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureBuilder;
import io.hwnas.arch.ArchitectureCounts;
import io.hwnas.arch.BatchNorm;
import io.hwnas.arch.Concat;
import io.hwnas.arch.Conv2d;
import io.hwnas.arch.Dense;
import io.hwnas.arch.DepthwiseConv2d;
import io.hwnas.arch.Dropout;
import io.hwnas.arch.Flatten;
import io.hwnas.arch.GlobalPool;
import io.hwnas.arch.LayerCount;
import io.hwnas.arch.Pool2d;
import io.hwnas.arch.Shape;
import io.hwnas.cost.CostModel;
import io.hwnas.cost.CostReport;
import io.hwnas.cost.LayerCost;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnalyticalCostModelTest {

    private static final AnalyticalCostModel CPU = AnalyticalCostModel.forDevice("host-cpu");
    private static final AnalyticalCostModel NPU = AnalyticalCostModel.forDevice("ethos-u55-128");
    private static final List<AnalyticalCostModel> BOTH = List.of(CPU, NPU);

    /** 3×32×32 → two conv-BN-act blocks of {@code channels} → global pool → dense(10). */
    static Architecture twoBlocks(int channels, ActivationType act) {
        ArchitectureBuilder b = new ArchitectureBuilder("two-blocks-" + channels + "-" + act.id(), Shape.image(3, 32, 32));
        b.convBnAct("b1", Conv2d.same(channels, 3, 1), act);
        b.convBnAct("b2", Conv2d.same(channels, 3, 1), act);
        b.add("pool", GlobalPool.avg());
        b.add("fc", Dense.of(10));
        return b.build();
    }

    /** conv → [activation] → conv → flatten → dense; {@code act == null} leaves the activation out. */
    static Architecture convActConv(ActivationType act) {
        ArchitectureBuilder b = new ArchitectureBuilder("cac", Shape.image(16, 16, 16));
        b.add("c1", Conv2d.same(32, 3, 1));
        if (act != null) {
            b.add("act", new Activation(act));
        }
        b.add("c2", Conv2d.same(32, 3, 1));
        b.add("flat", new Flatten());
        b.add("fc", Dense.of(10));
        return b.build();
    }

    /** A residual net with max-pool, add, concat and dropout, to exercise every op kind. */
    static Architecture residual(ActivationType act) {
        ArchitectureBuilder b = new ArchitectureBuilder("res", Shape.image(3, 32, 32));
        b.convBnAct("stem", Conv2d.same(16, 3, 1), act);
        b.add("pool", Pool2d.max(2, 2, 0));
        b.convBnAct("r1", Conv2d.same(16, 3, 1), act);
        b.add("r2.conv", Conv2d.same(16, 3, 1));
        b.add("r2.bn", BatchNorm.standard());
        b.addFrom("add", new Add(), "r2.bn", "pool");
        b.add("add.act", new Activation(act));
        b.addFrom("dw", DepthwiseConv2d.same(3, 1), "add.act");
        b.addFrom("cat", new Concat(), "dw", "add.act");
        b.add("pw", Conv2d.same(32, 1, 1));
        b.add("gp", GlobalPool.avg());
        b.add("drop", new Dropout(0.2));
        b.add("fc", Dense.of(10));
        return b.build();
    }

    static Map<String, LayerCost> rows(CostReport r) {
        return r.layers().stream().collect(Collectors.toMap(LayerCost::nodeId, Function.identity()));
    }

    @Test
    void latencyGrowsWithChannels() {
        for (AnalyticalCostModel m : BOTH) {
            for (ActivationType act : List.of(ActivationType.RELU, ActivationType.SILU, ActivationType.HARD_SWISH)) {
                double previous = 0;
                for (int c : new int[] {8, 16, 32, 64, 128}) {
                    double latency = m.estimate(twoBlocks(c, act)).latencySeconds();
                    assertTrue(latency > previous, m.device() + " " + act.id() + " at " + c + " channels: " + latency
                            + " <= " + previous);
                    previous = latency;
                }
            }
        }
    }

    @Test
    void higherClockLowersLatency() {
        for (AnalyticalCostModel m : BOTH) {
            Compute compute = m.profile().compute();
            AnalyticalCostModel faster = new AnalyticalCostModel(
                    m.profile().with(compute.withClockHz(compute.clockHz() * 2)));
            for (Architecture a : List.of(twoBlocks(32, ActivationType.RELU), residual(ActivationType.SILU))) {
                double slow = m.estimate(a).latencySeconds();
                double fast = faster.estimate(a).latencySeconds();
                assertTrue(fast < slow, m.device() + " " + a.name() + ": " + fast + " !< " + slow);
                for (int i = 0; i < a.nodes().size(); i++) {
                    assertTrue(faster.estimate(a).layers().get(i).latencySeconds()
                            <= m.estimate(a).layers().get(i).latencySeconds());
                }
            }
        }
    }

    @Test
    void everythingFollowsFromTheProfile() {
        // halving every time in the profile halves the estimate exactly: no hidden constants
        for (AnalyticalCostModel m : BOTH) {
            DeviceProfile p = m.profile();
            Memory memory = p.memory();
            Overheads overheads = p.overheads();
            CpuFallback cpu = p.activations().fallback();
            AnalyticalCostModel twice = new AnalyticalCostModel(p.with(p.compute().withClockHz(p.compute().clockHz() * 2))
                    .with(memory.withBandwidths(memory.bandwidthBytesPerSecond() * 2, memory.weightBandwidthBytesPerSecond() * 2))
                    .with(overheads.withPerLayerSeconds(overheads.perLayerSeconds() / 2)
                            .withPerInferenceSeconds(overheads.perInferenceSeconds() / 2))
                    .with(p.activations().withFallback(cpu == null ? null
                            : new CpuFallback(cpu.elementsPerSecond() * 2, cpu.transferSeconds() / 2))));
            Architecture a = residual(ActivationType.SILU);
            assertEquals(m.estimate(a).latencySeconds() / 2, twice.estimate(a).latencySeconds(), 1e-15);
        }
    }

    @Test
    void reluNetBeatsSiluNetOnTheNpu() {
        CostReport relu = NPU.estimate(twoBlocks(32, ActivationType.RELU));
        CostReport silu = NPU.estimate(twoBlocks(32, ActivationType.SILU));
        assertTrue(relu.latencySeconds() < silu.latencySeconds(), relu.latencySeconds() + " vs " + silu.latencySeconds());
        assertTrue(relu.fps() > silu.fps());
        Map<String, LayerCost> r = rows(relu);
        Map<String, LayerCost> s = rows(silu);
        assertEquals(AnalyticalCostModel.FUSED, r.get("b1.act").bound());
        assertEquals(0, r.get("b1.act").latencySeconds());
        assertTrue(s.get("b1.act").latencySeconds() > 0, "SiLU (LUT + multiply) is charged");
        // a plain LUT activation is cheaper than SiLU's LUT + multiply, an unsupported one (CPU fallback) dearest
        double hswish = NPU.estimate(twoBlocks(32, ActivationType.HARD_SWISH)).latencySeconds();
        assertTrue(relu.latencySeconds() < hswish && hswish < silu.latencySeconds());
        CostReport gelu = NPU.estimate(twoBlocks(32, ActivationType.GELU));
        assertEquals(AnalyticalCostModel.FALLBACK, rows(gelu).get("b1.act").bound());
        assertTrue(rows(gelu).get("b1.act").latencySeconds() >= NPU.profile().activations().fallback().transferSeconds());
        assertTrue(gelu.latencySeconds() > silu.latencySeconds());
        // on the CPU everything is native: the activation is charged but nothing falls back
        for (LayerCost c : CPU.estimate(twoBlocks(32, ActivationType.SILU)).layers()) {
            assertNotEquals(AnalyticalCostModel.FALLBACK, c.bound(), c.nodeId());
        }
    }

    @Test
    void removingAnActivationBetweenTwoConvsNeverIncreasesLatency() {
        for (AnalyticalCostModel m : BOTH) {
            CostReport without = m.estimate(convActConv(null));
            for (ActivationType t : ActivationType.values()) {
                CostReport with = m.estimate(convActConv(t));
                assertTrue(without.latencySeconds() <= with.latencySeconds(), m.device() + " " + t.id());
                Map<String, LayerCost> w = rows(with);
                for (LayerCost c : without.layers()) {
                    assertEquals(c, w.get(c.nodeId()), "removing the activation changed " + c.nodeId());
                }
            }
        }
        // and where it is not free, removing it is a strict gain
        assertTrue(NPU.estimate(convActConv(null)).latencySeconds()
                < NPU.estimate(convActConv(ActivationType.GELU)).latencySeconds());
        assertEquals(NPU.estimate(convActConv(null)).latencySeconds(),
                NPU.estimate(convActConv(ActivationType.RELU)).latencySeconds());
    }

    @Test
    void depthwiseRunsFarBelowDenseConvOnTheNpu() {
        ArchitectureBuilder b = new ArchitectureBuilder("dw-vs-conv", Shape.image(64, 32, 32));
        b.add("dw", DepthwiseConv2d.same(3, 1));
        b.add("conv", Conv2d.same(64, 3, 1));
        b.add("gp", GlobalPool.avg());
        b.add("fc", Dense.of(10));
        Architecture a = b.build();
        Map<String, LayerCount> counts = ArchitectureCounts.of(a).layers().stream()
                .collect(Collectors.toMap(LayerCount::nodeId, Function.identity()));
        Map<String, LayerCost> cost = rows(NPU.estimate(a));
        double dwMacsPerSecond = counts.get("dw").macs() / cost.get("dw").latencySeconds();
        double convMacsPerSecond = counts.get("conv").macs() / cost.get("conv").latencySeconds();
        assertTrue(dwMacsPerSecond < convMacsPerSecond / 4, dwMacsPerSecond + " vs " + convMacsPerSecond);
        assertTrue(convMacsPerSecond <= NPU.profile().peakMacsPerSecond());
        // a grouped conv with groups == channels is costed as depthwise
        ArchitectureBuilder g = new ArchitectureBuilder("grouped", Shape.image(64, 32, 32));
        g.add("gconv", Conv2d.same(64, 3, 1).withGroups(64));
        g.add("gp", GlobalPool.avg());
        g.add("fc", Dense.of(10));
        assertEquals(cost.get("dw").latencySeconds(), rows(NPU.estimate(g.build())).get("gconv").latencySeconds(), 1e-15);
    }

    @Test
    void fpsIsTheInverseOfLatency() {
        for (AnalyticalCostModel m : BOTH) {
            CostReport r = m.estimate(residual(ActivationType.RELU));
            assertEquals(1.0 / r.latencySeconds(), r.fps(), 1e-9 * r.fps());
            assertEquals(r.latencySeconds() * 1e3, r.latencyMs(), 1e-12);
            assertEquals(m.device(), r.device());
        }
    }

    @Test
    void layerLatenciesPlusOverheadSumToTheTotal() {
        for (AnalyticalCostModel m : BOTH) {
            for (ActivationType act : ActivationType.values()) {
                for (Architecture a : List.of(residual(act), twoBlocks(16, act))) {
                    CostReport r = m.estimate(a);
                    assertEquals(a.nodes().size(), r.layers().size());
                    double sum = m.profile().overheads().perInferenceSeconds();
                    for (int i = 0; i < a.nodes().size(); i++) {
                        LayerCost c = r.layers().get(i);
                        assertEquals(a.nodes().get(i).id(), c.nodeId());
                        assertEquals(a.nodes().get(i).op(), c.op());
                        assertTrue(c.latencySeconds() >= 0 && c.computeSeconds() >= 0 && c.memorySeconds() >= 0);
                        assertTrue(List.of("compute", "memory", "fused", "fallback").contains(c.bound()), c.bound());
                        sum += c.latencySeconds();
                    }
                    assertEquals(sum, r.latencySeconds(), 1e-12 * sum, m.device() + " " + a.name());
                }
            }
        }
    }

    @Test
    void rooflineTakesTheSlowerOfComputeAndMemory() {
        for (AnalyticalCostModel m : BOTH) {
            double overhead = m.profile().overheads().perLayerSeconds();
            for (LayerCost c : m.estimate(residual(ActivationType.HARD_SWISH)).layers()) {
                switch (c.bound()) {
                    case "compute" -> {
                        assertEquals(c.computeSeconds() + overhead, c.latencySeconds(), 1e-18);
                        assertTrue(c.computeSeconds() >= c.memorySeconds());
                    }
                    case "memory" -> {
                        assertEquals(c.memorySeconds() + overhead, c.latencySeconds(), 1e-18);
                        assertTrue(c.memorySeconds() > c.computeSeconds());
                    }
                    case "fused" -> assertEquals(0, c.latencySeconds());
                    default -> throw new AssertionError("no fallback expected: " + c);
                }
            }
        }
        // a 3x3 conv on the NPU (16 → 32 channels, aligned to 8): MACs / (clock * 128 * efficiency)
        Architecture a = convActConv(null);
        long macs = ArchitectureCounts.of(a).layers().get(0).macs();
        DeviceProfile p = NPU.profile();
        assertEquals(macs / (p.compute().clockHz() * 128 * p.compute().efficiency(OpClass.CONV_3X3)),
                NPU.estimate(a).layers().get(0).computeSeconds(), 1e-15);
    }

    @Test
    void batchNormFoldsOnlyWhereTheDeviceFusesIt() {
        Map<String, LayerCost> npu = rows(NPU.estimate(twoBlocks(16, ActivationType.RELU)));
        assertEquals(AnalyticalCostModel.FUSED, npu.get("b1.bn").bound());
        assertEquals(0, npu.get("b1.bn").latencySeconds());
        Map<String, LayerCost> cpu = rows(CPU.estimate(twoBlocks(16, ActivationType.RELU)));
        assertNotEquals(AnalyticalCostModel.FUSED, cpu.get("b1.bn").bound());
        assertTrue(cpu.get("b1.bn").latencySeconds() > 0);
        assertTrue(cpu.get("b1.act").latencySeconds() > 0, "the CPU profile fuses nothing");
        // BN after an add has nothing to fold into
        ArchitectureBuilder b = new ArchitectureBuilder("bn-after-add", Shape.image(8, 8, 8));
        b.add("c", Conv2d.same(8, 3, 1));
        b.addFrom("add", new Add(), "c", "input");
        b.add("bn", BatchNorm.standard());
        b.add("act", new Activation(ActivationType.RELU));
        b.add("gp", GlobalPool.avg());
        b.add("fc", Dense.of(2));
        Map<String, LayerCost> r = rows(NPU.estimate(b.build()));
        assertTrue(r.get("bn").latencySeconds() > 0);
        assertTrue(r.get("act").latencySeconds() > 0, "fused activations are charged natively after an unfolded BN");
    }

    @Test
    void fusedActivationNeedsAConvProducerWithNoOtherReader() {
        Map<String, LayerCost> r = rows(NPU.estimate(residual(ActivationType.RELU)));
        assertEquals(0, r.get("stem.act").latencySeconds(), "conv → folded BN → ReLU fuses");
        assertTrue(r.get("add.act").latencySeconds() > 0, "ReLU after an add is charged natively");
        assertNotEquals(AnalyticalCostModel.FUSED, r.get("add.act").bound());
        // a conv whose output is also read elsewhere cannot fold its BN or fuse its activation
        ArchitectureBuilder b = new ArchitectureBuilder("shared", Shape.image(8, 8, 8));
        b.add("c", Conv2d.same(8, 3, 1));
        b.addFrom("bn", BatchNorm.standard(), "c");
        b.addFrom("act", new Activation(ActivationType.RELU), "c");
        b.addFrom("add", new Add(), "bn", "act");
        b.add("gp", GlobalPool.avg());
        b.add("fc", Dense.of(2));
        Map<String, LayerCost> s = rows(NPU.estimate(b.build()));
        assertTrue(s.get("bn").latencySeconds() > 0);
        assertTrue(s.get("act").latencySeconds() > 0);
    }

    @Test
    void flattenDropoutAndIdentityAreFree() {
        for (AnalyticalCostModel m : BOTH) {
            Map<String, LayerCost> r = rows(m.estimate(residual(ActivationType.RELU)));
            assertEquals(0, r.get("drop").latencySeconds());
            assertEquals(0, rows(m.estimate(convActConv(null))).get("flat").latencySeconds());
            assertEquals(0, rows(m.estimate(convActConv(ActivationType.IDENTITY))).get("act").latencySeconds());
            assertEquals(AnalyticalCostModel.MEMORY, r.get("cat").bound(), "concat is a copy");
        }
    }

    @Test
    void peakMemoryAndOnChipFit() {
        Architecture small = twoBlocks(16, ActivationType.RELU);
        // 16×32×32 = 16384 elements per block. NPU, int8, BN folded and ReLU fused: one tensor per block, and
        // b2.conv reads b1's while it writes its own. CPU, fp32, nothing fused: any two neighbours of a block.
        CostReport npu = NPU.estimate(small);
        assertEquals(2 * 16384, npu.peakMemoryBytes());
        assertTrue(npu.fitsOnChip());
        CostReport cpu = CPU.estimate(small);
        assertEquals(2 * 16384 * 4, cpu.peakMemoryBytes());
        assertTrue(cpu.fitsOnChip(), "nothing on-chip is modelled for the CPU");

        ArchitectureBuilder b = new ArchitectureBuilder("big", Shape.image(3, 112, 112));
        b.convBnAct("b1", Conv2d.same(32, 3, 1), ActivationType.RELU);
        b.add("gp", GlobalPool.avg());
        b.add("fc", Dense.of(10));
        CostReport big = NPU.estimate(b.build());
        assertTrue(big.peakMemoryBytes() > NPU.profile().memory().onChipBytes());
        assertFalse(big.fitsOnChip());
    }

    @Test
    void channelsBelowTheAlignmentCostAsMuchAsAFullBlock() {
        // 3 → 5 channels on 8-channel micro-blocks does the work of 8 → 8
        Map<String, LayerCost> odd = rows(NPU.estimate(singleConv(3, 5)));
        Map<String, LayerCost> full = rows(NPU.estimate(singleConv(8, 8)));
        assertEquals(full.get("conv").computeSeconds(), odd.get("conv").computeSeconds(), 1e-18);
        // without alignment the smaller conv is cheaper in proportion to its MACs
        AnalyticalCostModel unaligned = new AnalyticalCostModel(NPU.profile()
                .with(NPU.profile().compute().withChannelAlignment(ChannelAlignment.NONE)));
        double ratio = rows(unaligned.estimate(singleConv(3, 5))).get("conv").computeSeconds()
                / rows(unaligned.estimate(singleConv(8, 8))).get("conv").computeSeconds();
        assertEquals(15.0 / 64, ratio, 1e-12);
        assertEquals(1.0, new ChannelAlignment(8, 8).padding(16, 32));
        assertEquals(1.0, new ChannelAlignment(8, 8).padding(0, 32), "an unaligned axis costs nothing extra");
        // a depthwise conv aligns its channels only: 64 channels on 8-channel blocks waste nothing
        ArchitectureBuilder dw = new ArchitectureBuilder("dw64", Shape.image(64, 16, 16));
        dw.add("dw", DepthwiseConv2d.same(3, 1));
        dw.add("gp", GlobalPool.avg());
        dw.add("fc", Dense.of(2));
        assertEquals(rows(unaligned.estimate(dw.build())).get("dw").computeSeconds(),
                rows(NPU.estimate(dw.build())).get("dw").computeSeconds(), 1e-18);
        assertEquals(8.0 / 3 * 16 / 10, new ChannelAlignment(8, 16).padding(3, 10), 1e-12);
    }

    @Test
    void quantisationSettingChangesRateAndBytes() {
        Architecture a = twoBlocks(32, ActivationType.RELU);
        AnalyticalCostModel int16 = new AnalyticalCostModel(NPU.profile().withDataType(Precision.INT16));
        CostReport r8 = NPU.estimate(a);
        CostReport r16 = int16.estimate(a);
        assertEquals(2 * r8.peakMemoryBytes(), r16.peakMemoryBytes());
        assertTrue(r16.latencySeconds() > r8.latencySeconds());
        assertEquals(2 * rows(r8).get("b2.conv").computeSeconds(), rows(r16).get("b2.conv").computeSeconds(), 1e-15,
                "half the MACs per cycle at int16");
    }

    @Test
    void everyExecutedLayerPaysTheLayerOverhead() {
        Architecture a = residual(ActivationType.RELU);
        DeviceProfile p = CPU.profile();
        double extra = 1e-3;
        CostReport base = CPU.estimate(a);
        CostReport slower = new AnalyticalCostModel(p.with(p.overheads()
                .withPerLayerSeconds(p.overheads().perLayerSeconds() + extra))).estimate(a);
        long executed = base.layers().stream().filter(c -> !c.bound().equals(AnalyticalCostModel.FUSED)).count();
        assertEquals(base.latencySeconds() + executed * extra, slower.latencySeconds(), 1e-12);
        assertTrue(executed < a.nodes().size(), "flatten/dropout/identity pay nothing");
    }

    @Test
    void weightsOnChipCountAgainstTheMemoryBudget() {
        Architecture a = twoBlocks(16, ActivationType.RELU);
        CostReport off = NPU.estimate(a);
        CostReport on = new AnalyticalCostModel(NPU.profile().with(NPU.profile().memory().withWeightsOnChip(true)))
                .estimate(a);
        assertEquals(off.peakMemoryBytes() + ArchitectureCounts.of(a).trainableParams(), on.peakMemoryBytes());
    }

    @Test
    void slowActivationsCostMoreWhereTheProfileSaysSo() {
        ActivationCosts activations = CPU.profile().activations();
        DeviceProfile p = CPU.profile().withSource("activations.elementsPerCycle", "estimate: test")
                .with(activations.withElementsPerCycle(ActivationType.SILU, activations.nativeElementsPerCycle() / 8));
        AnalyticalCostModel m = new AnalyticalCostModel(p);
        double relu = rows(m.estimate(twoBlocks(32, ActivationType.RELU))).get("b1.act").computeSeconds();
        double silu = rows(m.estimate(twoBlocks(32, ActivationType.SILU))).get("b1.act").computeSeconds();
        assertEquals(8 * relu, silu, 1e-15);
    }

    @Test
    void networkWorkIsReusableAcrossDevices() {
        Architecture a = residual(ActivationType.HARD_SWISH);
        NetworkWork work = NetworkWork.of(a);
        for (AnalyticalCostModel m : BOTH) {
            assertEquals(m.estimate(a), m.estimate(work));
        }
    }

    static Architecture singleConv(int in, int out) {
        ArchitectureBuilder b = new ArchitectureBuilder("single-" + in + "-" + out, Shape.image(in, 16, 16));
        b.add("conv", Conv2d.same(out, 3, 1));
        b.add("gp", GlobalPool.avg());
        b.add("fc", Dense.of(2));
        return b.build();
    }

    @Test
    void modelIsSerializableAndGivesTheSameEstimates() throws Exception {
        for (AnalyticalCostModel m : BOTH) {
            CostModel copy = DeviceProfilesTest.roundTrip((CostModel) m);
            assertEquals(m, copy);
            Architecture a = residual(ActivationType.SILU);
            assertEquals(m.estimate(a), copy.estimate(a));
        }
    }
}
