package io.hwnas.hw;

import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureBuilder;
import io.hwnas.arch.Conv2d;
import io.hwnas.arch.Dense;
import io.hwnas.arch.GlobalPool;
import io.hwnas.arch.Shape;
import io.hwnas.arch.zoo.MobileNets;
import io.hwnas.arch.zoo.ReferenceNetworks;
import io.hwnas.cost.CostReport;
import io.hwnas.cost.LayerCost;
import io.hwnas.hw.arena.ArenaPlan;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The memory side of an activation choice (issue 22): on the Ethos-U an activation fused into its conv writes no
 * tensor of its own, a LUT or CPU-fallback activation does, so its input and output are live together.
 */
class ActivationMemoryTest {
    private static final List<AnalyticalCostModel> ETHOS_U = List.of(AnalyticalCostModel.forDevice("ethos-u55-128"),
            AnalyticalCostModel.forDevice("ethos-u65-256"));

    /**
     * 3×16×16 → conv 3×3 (32) → BN → {@code first} → conv 3×3 (16) → BN → {@code second} → global pool → dense(10).
     * Tensors (elements): input 768, the first conv's 32×256 = 8192, the second's 16×256 = 4096, pool 16, dense 10.
     */
    static Architecture twoConvs(ActivationType first, ActivationType second) {
        ArchitectureBuilder b = new ArchitectureBuilder("two-convs-" + first.id() + "-" + second.id(), Shape.image(3, 16, 16));
        b.convBnAct("b1", Conv2d.same(32, 3, 1), first);
        b.convBnAct("b2", Conv2d.same(16, 3, 1), second);
        b.add("pool", GlobalPool.avg());
        b.add("fc", Dense.of(10));
        return b.build();
    }

    @Test
    void siluEverywhereNeedsALargerArenaThanReluEverywhere() {
        for (AnalyticalCostModel m : ETHOS_U) {
            // int8, 1 byte per element. ReLU: BN folded and ReLU fused, so each block writes one tensor; the peak is
            // at b2.conv, reading b1's 8192 while writing its 4096: 12288.
            assertEquals(12288, m.estimate(twoConvs(ActivationType.RELU, ActivationType.RELU)).peakMemoryBytes(), m.device());
            // SiLU (LUT + multiply) writes its own tensor: at b1.act the conv's 8192 and SiLU's 8192 are live: 16384
            assertEquals(16384, m.estimate(twoConvs(ActivationType.SILU, ActivationType.SILU)).peakMemoryBytes(), m.device());
        }
    }

    @Test
    void reluAtTheSiteThatSetsThePeakLowersIt() {
        for (AnalyticalCostModel m : ETHOS_U) {
            // b1.act sets the peak (8192 in + 8192 out); fusing it leaves b2.conv's 8192 + 4096
            assertEquals(12288, m.estimate(twoConvs(ActivationType.RELU, ActivationType.SILU)).peakMemoryBytes());
            // b2.act (4096 + 4096) never sets it: the peak stays at b1.act
            assertEquals(16384, m.estimate(twoConvs(ActivationType.SILU, ActivationType.RELU)).peakMemoryBytes());
        }
    }

    @Test
    void aCpuFallbackHoldsItsTensorsAndPaysTheHandOverOnce() {
        AnalyticalCostModel u55 = ETHOS_U.get(0);
        DeviceProfile p = u55.profile();
        CostReport gelu = u55.estimate(twoConvs(ActivationType.GELU, ActivationType.RELU));
        // GELU runs on the Cortex-M: like a LUT activation it writes its own tensor, so b1.act holds 8192 + 8192
        assertEquals(16384, gelu.peakMemoryBytes());
        // and its latency is the hand-over, the CPU's work and both tensor moves, in series: the bytes the conv
        // writes are the conv's (charged once, the same as when the ReLU is fused)
        LayerCost act = gelu.layers().get(2);
        assertEquals(AnalyticalCostModel.FALLBACK, act.bound());
        double moves = (8192 + 8192) / p.memory().bandwidthBytesPerSecond();
        assertEquals(moves, act.memorySeconds(), 1e-18);
        assertEquals(p.activations().fallback().transferSeconds() + 8192 / p.activations().fallback().elementsPerSecond()
                + moves + p.overheads().perLayerSeconds(), act.latencySeconds(), 1e-15);
        CostReport relu = u55.estimate(twoConvs(ActivationType.RELU, ActivationType.RELU));
        assertEquals(relu.layers().get(0), gelu.layers().get(0), "b1.conv costs the same whatever follows it");
    }

    @Test
    void withNothingFusedTheActivationDoesNotChangeTheArena() {
        // host-cpu (DL4J) fuses nothing: every BN and activation writes a tensor whatever the function
        AnalyticalCostModel cpu = AnalyticalCostModel.forDevice("host-cpu");
        // fp32: the peak is any conv/BN/activation pair of b1, 2 × 8192 × 4 bytes
        assertEquals(65536, cpu.estimate(twoConvs(ActivationType.RELU, ActivationType.RELU)).peakMemoryBytes());
        assertEquals(65536, cpu.estimate(twoConvs(ActivationType.SILU, ActivationType.SILU)).peakMemoryBytes());
    }

    @Test
    void mobileNetV2MiniWithSiluNeedsHalfAsMuchAgainAsWithRelu6() {
        // 1×28×28 input; the peak is in features.2, whose 1×1 expansion writes 48×28×28 = 37632 elements
        Architecture relu6 = MobileNets.MOBILENET_V2_MINI.build(ReferenceNetworks.MINI_INPUT, ReferenceNetworks.MINI_CLASSES);
        Architecture silu = MobileNets.MOBILENET_V2_MINI.withActivation(ActivationType.SILU)
                .build(ReferenceNetworks.MINI_INPUT, ReferenceNetworks.MINI_CLASSES);
        for (AnalyticalCostModel m : ETHOS_U) {
            ArenaPlan fused = ArenaMemory.plan(m.profile(), NetworkWork.of(relu6));
            // ReLU6 fused: the expansion's 37632 and the stride-2 depthwise's 48×14×14 = 9408 live together (47040);
            // greedy placement leaves a 3136-byte gap, the arena is 50176
            assertEquals(47040, fused.peakLiveBytes());
            assertEquals(50176, fused.peakBytes());
            assertEquals(50176, m.estimate(relu6).peakMemoryBytes());
            // SiLU: the expansion's 37632 and its SiLU's 37632: 75264, half as much again
            ArenaPlan lut = ArenaMemory.plan(m.profile(), NetworkWork.of(silu));
            assertEquals(75264, lut.peakLiveBytes());
            assertEquals(75264, m.estimate(silu).peakMemoryBytes());
        }
    }
}
