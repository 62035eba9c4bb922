package io.hwnas.hw;

import io.hwnas.arch.Activation;
import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureBuilder;
import io.hwnas.arch.CollapsedLinearBlock;
import io.hwnas.arch.Conv2d;
import io.hwnas.arch.Dense;
import io.hwnas.arch.DepthToSpace;
import io.hwnas.arch.GlobalPool;
import io.hwnas.arch.Multiply;
import io.hwnas.arch.PRelu;
import io.hwnas.arch.Shape;
import io.hwnas.arch.Upsample;
import io.hwnas.cost.CostReport;
import io.hwnas.cost.LayerCost;
import io.hwnas.hw.kernel.Kernel;
import io.hwnas.hw.kernel.KernelType;
import io.hwnas.hw.kernel.Kernels;
import io.hwnas.hw.lut.OpSignature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Squeeze-excite, PReLU, depth-to-space and upsample cost something on every bundled device. */
class NewOpsCostTest {

    static List<String> devices() {
        return DeviceProfiles.knownIds();
    }

    /** conv → squeeze-excite (hard-sigmoid gate) → PReLU → depth-to-space ×2 → nearest upsample ×2 → head. */
    static Architecture net(ActivationType gate) {
        return new ArchitectureBuilder("new-ops-" + gate.id(), Shape.image(8, 16, 16))
                .add("conv", Conv2d.same(16, 3, 1))
                .add("se.pool", GlobalPool.avg())
                .add("se.reduce", Dense.of(4))
                .add("se.relu", new Activation(ActivationType.RELU))
                .add("se.expand", Dense.of(16))
                .add("se.gate", new Activation(gate))
                .addFrom("se", new Multiply(), "conv", "se.gate")
                .add("prelu", new PRelu())
                .add("d2s", new DepthToSpace(2))
                .add("up", Upsample.nearest(2))
                .add("gp", GlobalPool.avg())
                .add("fc", Dense.of(10))
                .build();
    }

    private static Map<String, LayerCost> byNode(CostReport r) {
        return r.layers().stream().collect(Collectors.toMap(LayerCost::nodeId, c -> c));
    }

    @ParameterizedTest
    @MethodSource("devices")
    void everyNewOpCostsSomethingOnEveryDevice(String device) {
        AnalyticalCostModel model = AnalyticalCostModel.forDevice(device);
        for (ActivationType gate : List.of(ActivationType.HARD_SIGMOID, ActivationType.SIGMOID)) {
            Map<String, LayerCost> cost = byNode(model.estimate(net(gate)));
            for (String node : List.of("se", "prelu", "d2s", "up")) {
                assertTrue(cost.get(node).latencySeconds() > 0, device + " " + node + ": " + cost.get(node));
            }
            // the gate reads a flat vector after a dense layer: nothing to fuse into on any device but a GPU
            if (model.profile().activations().support(gate) != ActivationSupport.FUSED) {
                assertTrue(cost.get("se.gate").latencySeconds() > 0, device + " " + gate.id());
            }
        }
    }

    /** A linear block trained collapsed runs as its one conv: the same time on every device. */
    @ParameterizedTest
    @MethodSource("devices")
    void aBlockTrainedCollapsedCostsWhatItsConvCosts(String device) {
        AnalyticalCostModel model = AnalyticalCostModel.forDevice(device);
        CollapsedLinearBlock block = new CollapsedLinearBlock(16, 3, 64, true);
        Architecture trained = new ArchitectureBuilder("trained", Shape.image(16, 16, 16)).add("block", block)
                .add("relu", new Activation(ActivationType.RELU)).build();
        Architecture deployed = new ArchitectureBuilder("deployed", Shape.image(16, 16, 16)).add("block", block.deployed())
                .add("relu", new Activation(ActivationType.RELU)).build();
        assertEquals(model.estimate(deployed).latencySeconds(), model.estimate(trained).latencySeconds(), 1e-15, device);
        assertTrue(model.estimate(trained).latencySeconds() > 0, device);
    }

    @Test
    void onEthosUSqueezeExciteIsNotFreeAndRunsOnTheNpu() {
        for (String device : List.of("ethos-u55-128", "ethos-u65-256")) {
            AnalyticalCostModel npu = AnalyticalCostModel.forDevice(device);
            assertEquals(ActivationSupport.NATIVE, npu.profile().activations().support(ActivationType.HARD_SIGMOID));
            assertEquals(ActivationSupport.LUT, npu.profile().activations().support(ActivationType.SIGMOID));
            Map<String, LayerCost> cost = byNode(npu.estimate(net(ActivationType.HARD_SIGMOID)));
            for (String node : List.of("se", "se.gate", "prelu")) {
                assertTrue(cost.get(node).latencySeconds() > 0, device + " " + node);
                assertTrue(!cost.get(node).bound().equals(AnalyticalCostModel.FALLBACK), device + " " + node);
            }
        }
    }

    /**
     * Ethos-U55-128 by hand: the multiply's 16·16·16 = 4096 element ops at 16 ops/cycle × 0.0625 efficiency = 1
     * per cycle take 4096 cycles at 500 MHz; its tensors (4096 + 16 + 4096 int8 bytes) take 8208 / 4 GB/s less.
     */
    @Test
    void squeezeExciteMultiplyOnEthosU55ByHand() {
        AnalyticalCostModel npu = AnalyticalCostModel.forDevice("ethos-u55-128");
        LayerCost se = byNode(npu.estimate(net(ActivationType.HARD_SIGMOID))).get("se");
        double compute = 4096 / 5.0e8;
        assertEquals(compute, se.computeSeconds(), 1e-12);
        assertEquals(8208 / 4.0e9, se.memorySeconds(), 1e-12);
        assertEquals(compute + 1.0e-6, se.latencySeconds(), 1e-12);
        // hard-sigmoid: 16 elements at 0.5 per cycle (ADD with RELU6, then MUL)
        assertEquals(16 / 0.5 / 5.0e8, byNode(npu.estimate(net(ActivationType.HARD_SIGMOID))).get("se.gate")
                .computeSeconds(), 1e-15);
    }

    @Test
    void latencyTablesAndKernelDetectionAcceptTheNewOps() {
        Architecture a = net(ActivationType.HARD_SIGMOID);
        assertEquals("multiply gate", OpSignature.of(a, a.node("se")).key());
        assertEquals("prelu", OpSignature.of(a, a.node("prelu")).key());
        assertEquals("depth_to_space b2", OpSignature.of(a, a.node("d2s")).key());
        assertEquals("upsample nearest s2", OpSignature.of(a, a.node("up")).key());
        DeviceProfile npu = DeviceProfiles.load("ethos-u55-128");
        List<Kernel> kernels = new Kernels(npu.fusion(), npu.activations()).detect(a);
        Map<String, KernelType> typeOf = kernels.stream().collect(Collectors.toMap(k -> k.nodeIds().get(0), Kernel::type));
        assertEquals(KernelType.ELEMENTWISE, typeOf.get("se"));
        assertEquals(KernelType.ELEMENTWISE, typeOf.get("prelu"));
        assertEquals(KernelType.CONCAT, typeOf.get("d2s"));
        assertEquals(KernelType.CONCAT, typeOf.get("up"));
        assertEquals(KernelType.ACTIVATION, typeOf.get("se.gate"));
    }
}
