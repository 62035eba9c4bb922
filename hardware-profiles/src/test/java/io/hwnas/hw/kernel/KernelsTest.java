package io.hwnas.hw.kernel;

import io.hwnas.arch.Activation;
import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Add;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureBuilder;
import io.hwnas.arch.Conv2d;
import io.hwnas.arch.Dense;
import io.hwnas.arch.Flatten;
import io.hwnas.arch.GlobalPool;
import io.hwnas.arch.Shape;
import io.hwnas.hw.AnalyticalCostModel;
import io.hwnas.hw.DeviceProfile;
import io.hwnas.hw.DeviceProfiles;
import io.hwnas.cost.LayerCost;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Kernels follow each device's fusion rules: exactly the nodes the analytical model charges nothing for join a kernel. */
class KernelsTest {

    /** conv-bn-relu, conv-bn-silu, a residual add, global pooling and a dense head. */
    static Architecture net() {
        ArchitectureBuilder b = new ArchitectureBuilder("k", Shape.image(8, 14, 14));
        b.convBnAct("a", Conv2d.same(8, 3, 1), ActivationType.RELU);
        String a = b.last();
        b.convBnAct("b", Conv2d.same(8, 3, 1), ActivationType.SILU);
        b.addFrom("sum", new Add(), a, b.last());
        b.add("gp", GlobalPool.avg());
        b.add("flat", new Flatten());
        b.add("fc", Dense.of(10));
        return b.build();
    }

    static List<List<String>> groups(String device) {
        DeviceProfile p = DeviceProfiles.load(device);
        return new Kernels(p.fusion(), p.activations()).detect(net()).stream().map(Kernel::nodeIds).toList();
    }

    @Test
    void anNpuFusesConvBnAndASupportedActivationIntoOneKernel() {
        // Ethos-U55: BN folds, ReLU fuses; SiLU is a LUT op of its own
        assertEquals(List.of(List.of("a.conv", "a.bn", "a.act"), List.of("b.conv", "b.bn"), List.of("b.act"),
                List.of("sum"), List.of("gp"), List.of("fc")), groups("ethos-u55-128"));
    }

    @Test
    void theHostRunsEveryLayerAsItsOwnKernel() {
        assertEquals(List.of(List.of("a.conv"), List.of("a.bn"), List.of("a.act"), List.of("b.conv"), List.of("b.bn"),
                List.of("b.act"), List.of("sum"), List.of("gp"), List.of("fc")), groups("host-cpu"));
    }

    @Test
    void aKernelsFollowersAreExactlyWhatTheAnalyticalModelChargesNothing() {
        for (String device : DeviceProfiles.knownIds()) {
            DeviceProfile p = DeviceProfiles.load(device);
            Set<String> followers = new Kernels(p.fusion(), p.activations()).detect(net()).stream()
                    .flatMap(k -> k.nodeIds().stream().skip(1)).collect(Collectors.toSet());
            Set<String> free = new AnalyticalCostModel(p).estimate(net()).layers().stream()
                    .filter(l -> l.bound().equals(AnalyticalCostModel.FUSED) && !l.nodeId().equals("flat"))
                    .map(LayerCost::nodeId).collect(Collectors.toSet());
            assertEquals(free, followers, device);
        }
    }

    @Test
    void aKernelKeepsTheShapesAndWorkOfItsNodes() {
        DeviceProfile p = DeviceProfiles.load("ethos-u55-128");
        Kernel first = new Kernels(p.fusion(), p.activations()).detect(net()).get(0);
        double[] f = first.features();
        assertEquals(KernelType.CONV, first.type());
        assertEquals(8, f[KernelFeatures.NAMES.indexOf("in_channels")]);
        assertEquals(14, f[KernelFeatures.NAMES.indexOf("out_height")]);
        assertEquals(3, f[KernelFeatures.NAMES.indexOf("kernel_h")]);
        assertEquals(8L * 8 * 9 * 14 * 14, (long) f[KernelFeatures.NAMES.indexOf("macs")]);
        assertEquals(3, f[KernelFeatures.NAMES.indexOf("fused_nodes")]);
        assertEquals(ActivationType.RELU.ordinal() + 1, f[KernelFeatures.NAMES.indexOf("activation")]);
    }
}
