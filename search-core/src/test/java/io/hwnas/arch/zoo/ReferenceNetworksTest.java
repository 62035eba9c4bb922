package io.hwnas.arch.zoo;

import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureCounts;
import io.hwnas.arch.ArchitectureJson;
import io.hwnas.arch.BatchNorm;
import io.hwnas.arch.Node;
import io.hwnas.arch.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The zoo against published figures (shared/docs/reference-numbers.md); params from torchvision's model cards. */
class ReferenceNetworksTest {

    private static final Map<String, Architecture> NETS = new ConcurrentHashMap<>();

    private static Architecture net(String name) {
        return NETS.computeIfAbsent(name,
                n -> ReferenceNetworks.byName(n, ReferenceNetworks.IMAGENET_INPUT, ReferenceNetworks.IMAGENET_CLASSES));
    }

    @ParameterizedTest
    @CsvSource({
        "resnet18,     1814000000, 11689512",
        "resnet50,     4090000000, 25557032",
        "mobilenet_v2,  300000000,  3504872",
        "convnext_t,   4460000000, 28589128",
        // torchvision's model cards (conv + fc, this convention): 0.217, 0.057 and 0.386 GFLOPS. The papers'
        // 219 M and 56 M MAdds and 0.39 B FLOPS are rounder and count more than conv + fc (216.6 M is 1.1% under 219 M).
        "mobilenet_v3_large, 217000000, 5483032",
        "mobilenet_v3_small,  57000000, 2542856",
        "efficientnet_b0,    386000000, 5288548",
    })
    void macsWithinOnePercentAndParamsExactlyAsPublished(String name, long publishedMacs, long publishedParams) {
        ArchitectureCounts counts = ArchitectureCounts.of(net(name));
        double error = Math.abs(counts.macs() - publishedMacs) / (double) publishedMacs;
        assertTrue(error < 0.01, name + ": " + counts.macs() + " MACs vs published " + publishedMacs);
        assertEquals(publishedParams, counts.trainableParams(), name + " trainable params");
    }

    @Test
    void resnet18MacsAreExactlyTheHandSum() {
        // Every stride-1 C→C 3×3 conv costs 9·64²·56² = 115,605,504 (channels double as each side halves);
        // the first conv of stages 2–4 reads C/2 channels, so half that. 16 convs = 14.5 such units.
        // Stem 7·7·3·64·112² = 118,013,952; each downsample 64·128·28² = 6,422,528; fc 512·1000.
        assertEquals(118_013_952L + 29 * 115_605_504L / 2 + 3 * 6_422_528L + 512_000L,
                ArchitectureCounts.of(net("resnet18")).macs());
    }

    @ParameterizedTest
    @ValueSource(strings = {"resnet18", "resnet50", "mobilenet_v2"})
    void bnRunningStatisticsAreCountedAsStateNotTrainable(String name) {
        Architecture arch = net(name);
        long bnChannels = arch.nodes().stream().filter(n -> n.layer() instanceof BatchNorm)
                .mapToLong(n -> arch.shape(n.id()).channels()).sum();
        ArchitectureCounts counts = ArchitectureCounts.of(arch);
        // running mean + running variance per channel; γ/β are already in the (exact) trainable total
        assertEquals(2 * bnChannels, counts.stateParams());
        assertEquals(counts.trainableParams() + counts.stateParams(), counts.totalParams());
    }

    @Test
    void resnet18BnStateMatchesTorchvisionStateDict() {
        // BN channels: stem 64, layer1 4·64, layer2 4·128 + 128, layer3 4·256 + 256, layer4 4·512 + 512 = 4,800
        assertEquals(9_600L, ArchitectureCounts.of(net("resnet18")).stateParams());
    }

    @ParameterizedTest
    @ValueSource(strings = {"resnet18", "resnet50", "mobilenet_v2"})
    void peakActivationMemoryIsPositiveAndBelowTheSumOfAllActivations(String name) {
        ArchitectureCounts counts = ArchitectureCounts.of(net(name));
        assertTrue(counts.peakActivationElements() > 0);
        assertTrue(counts.peakActivationElements() < counts.activationElements(),
                counts.peakActivationElements() + " vs " + counts.activationElements());
        // never below the largest single layer's input + output
        long largestPair = 0;
        Architecture arch = net(name);
        for (Node n : arch.nodes()) {
            long in = arch.inputShapes(n).stream().mapToLong(Shape::elements).sum();
            largestPair = Math.max(largestPair, in + arch.shape(n.id()).elements());
        }
        assertTrue(counts.peakActivationElements() >= largestPair);
    }

    @ParameterizedTest
    @ValueSource(strings = {"resnet18", "resnet50", "mobilenet_v2"})
    void roundTripsThroughJson(String name) {
        Architecture arch = net(name);
        Architecture back = ArchitectureJson.read(ArchitectureJson.write(arch));
        assertEquals(arch.fingerprint(), back.fingerprint());
        assertEquals(arch, back);
    }

    @Test
    void torchvisionStructure() {
        Architecture r50 = net("resnet50");
        // v1.5: the stride is on the 3×3, the first 1×1 of a down-sampling block keeps the resolution
        assertEquals(Shape.image(128, 56, 56), r50.shape("layer2.0.conv1"));
        assertEquals(Shape.image(128, 28, 28), r50.shape("layer2.0.conv2"));
        assertEquals(Shape.image(256, 56, 56), r50.shape("layer1.0.downsample.bn"));
        assertEquals(Shape.image(2048, 7, 7), r50.shape("layer4.2.relu"));
        assertEquals(List.of("layer1.0.conv3.bn", "layer1.0.downsample.bn"), r50.node("layer1.0.add").inputs());

        Architecture r18 = net("resnet18");
        assertEquals(List.of("layer1.1.conv2.bn", "layer1.0.relu"), r18.node("layer1.1.add").inputs());
        assertEquals(Shape.image(64, 56, 56), r18.shape("maxpool"));

        Architecture mb = net("mobilenet_v2");
        assertEquals(Shape.image(1280, 7, 7), mb.shape("features.18.relu6"));
        // features.2 opens the 24-channel stage with stride 2; features.4 opens the 32-channel one
        assertEquals(Shape.image(144, 56, 56), mb.shape("features.3.dw"));
        assertEquals(Shape.image(144, 28, 28), mb.shape("features.4.dw"));
        assertEquals(List.of("features.3.project.bn", "features.2.project.bn"), mb.node("features.3.add").inputs());
        assertEquals(10, mb.nodes().stream().filter(n -> n.id().endsWith(".add")).count());
        assertEquals(Shape.flat(1000), mb.output().layer().outputShape(mb.inputShapes(mb.output())));
    }

    @Test
    void configurableInputAndClasses() {
        Architecture small = ReferenceNetworks.byName("resnet18", Shape.image(1, 64, 64), 10);
        assertEquals(Shape.image(512, 2, 2), small.shape("layer4.1.relu"));
        assertEquals(Shape.flat(10), small.shape("fc"));
        // fewer input channels and classes: 7·7·(3−1)·64 and 512·(1000−10) weights + 990 biases fewer
        assertEquals(11_689_512L - 6_272 - 506_880 - 990, ArchitectureCounts.of(small).trainableParams());
        assertEquals(Shape.flat(10), MobileNets.mobileNetV2(Shape.image(3, 96, 96), 10).shape("fc"));
    }

    @Test
    void unknownNameListsKnownNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReferenceNetworks.byName("vgg16", ReferenceNetworks.IMAGENET_INPUT, 1000));
        assertTrue(e.getMessage().contains("vgg16"), e.getMessage());
        for (String known : ReferenceNetworks.names()) {
            assertTrue(e.getMessage().contains(known), e.getMessage());
        }
        assertTrue(ReferenceNetworks.names().containsAll(List.of("resnet18", "resnet50", "mobilenet_v2", "convnext_t")),
                ReferenceNetworks.names().toString());
    }
}
