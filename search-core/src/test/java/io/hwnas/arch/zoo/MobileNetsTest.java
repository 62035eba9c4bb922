package io.hwnas.arch.zoo;

import io.hwnas.arch.Activation;
import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureCounts;
import io.hwnas.arch.ArchitectureJson;
import io.hwnas.arch.BatchNorm;
import io.hwnas.arch.DepthwiseConv2d;
import io.hwnas.arch.Multiply;
import io.hwnas.arch.Shape;
import io.hwnas.arch.Size2;
import io.hwnas.dl4j.GraphBuilder;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The inverted-residual family: EfficientNet-Lite0 against its published counts, the 28×28 minis in DL4J. */
class MobileNetsTest {
    private static final Logger LOG = LoggerFactory.getLogger(MobileNetsTest.class);
    private static final Shape MINI_INPUT = Shape.image(1, 28, 28);

    /** shared/docs/reference-numbers.md: 385 M conv+fc MACs, 4.65 M params with BN γ/β. */
    @ParameterizedTest
    @CsvSource({
        "efficientnet_lite0, 385000000, 4650000",
        "mobilenet_v2,       300000000, 3504872",
    })
    void countsWithinOnePercentOfPublished(String name, long publishedMacs, long publishedParams) {
        ArchitectureCounts counts = ArchitectureCounts.of(
                ReferenceNetworks.byName(name, ReferenceNetworks.IMAGENET_INPUT, ReferenceNetworks.IMAGENET_CLASSES));
        LOG.info("{}: {} MACs (published {}), {} params (published {})", name, counts.macs(), publishedMacs,
                counts.trainableParams(), publishedParams);
        assertTrue(Math.abs(counts.macs() - publishedMacs) < 0.01 * publishedMacs, name + ": " + counts.macs() + " MACs");
        assertTrue(Math.abs(counts.trainableParams() - publishedParams) < 0.01 * publishedParams,
                name + ": " + counts.trainableParams() + " params");
    }

    @Test
    void efficientNetLite0Structure() {
        Architecture lite = MobileNets.efficientNetLite0();
        // 1+2+2+3+3+4+1 = 16 blocks, then the 1280 head
        assertEquals(16, MobileNets.EFFICIENTNET_LITE0.blocks().size());
        assertEquals(Shape.image(1280, 7, 7), lite.shape("features.17.relu6"));
        // features.4 opens the 5×5, 40-channel stage with stride 2
        assertEquals(Size2.of(5), ((DepthwiseConv2d) lite.node("features.4.dw").layer()).kernel());
        assertEquals(Shape.image(144, 28, 28), lite.shape("features.4.dw"));
        assertEquals(Shape.image(320, 7, 7), lite.shape("features.16.project.bn"));
        // skips only on the repeats of a stage (shapes agree there): 1 + 1 + 2 + 2 + 3
        assertEquals(9, lite.nodes().stream().filter(n -> n.id().endsWith(".add")).count());
        assertEquals(List.of("features.3.project.bn", "features.2.project.bn"), lite.node("features.3.add").inputs());
        assertEquals(lite, ArchitectureJson.read(ArchitectureJson.write(lite)));
    }

    @Test
    void mobileNetV2IsTheSharedBuilderWithItsTable() {
        Architecture mb = MobileNets.mobileNetV2();
        assertEquals(17, MobileNets.MOBILENET_V2.blocks().size());
        assertEquals("mobilenet_v2", mb.name());
        assertEquals(mb, MobileNets.MOBILENET_V2.build(ReferenceNetworks.IMAGENET_INPUT, ReferenceNetworks.IMAGENET_CLASSES));
        assertEquals(mb.fingerprint(), ReferenceNetworks.byName("mobilenet_v2", ReferenceNetworks.IMAGENET_INPUT, 1000)
                .fingerprint());
    }

    @Test
    void mobileNetV3LargeIsTorchvisionsLayerForLayer() {
        Architecture v3 = ReferenceNetworks.byName("mobilenet_v3_large");
        assertEquals(15, MobileNets.MOBILENET_V3_LARGE.blocks().size());
        // features.1 keeps 16 channels: no expansion conv, as torchvision omits it when expanded == input
        assertFalse(v3.nodes().stream().anyMatch(n -> n.id().equals("features.1.expand")));
        assertEquals(Shape.image(72, 28, 28), v3.shape("features.4.dw"));
        // SE on features.4: pool → fc 72→24 (make_divisible(72/4, 8)) → ReLU → fc 24→72 → hard-sigmoid → multiply
        assertEquals(Shape.flat(24), v3.shape("features.4.se.fc1"));
        assertEquals(new Activation(ActivationType.HARD_SIGMOID), v3.node("features.4.se.fc2.hard_sigmoid").layer());
        assertEquals(List.of("features.4.dw.relu", "features.4.se.fc2.hard_sigmoid"), v3.node("features.4.se").inputs());
        assertEquals(List.of("features.4.se"), v3.node("features.4.project").inputs());
        assertEquals(new Activation(ActivationType.HARD_SWISH), v3.node("features.7.dw.hard_swish").layer());
        // SE squeezes 960 → 240 in the last blocks; the head: 960 conv, then fc 1280 + hard-swish, dropout, fc
        assertEquals(Shape.flat(240), v3.shape("features.15.se.fc1"));
        assertEquals(Shape.image(960, 7, 7), v3.shape("features.16.hard_swish"));
        assertEquals(List.of("avgpool", "fc1", "fc1.hard_swish", "dropout", "fc"),
                v3.nodes().subList(v3.nodes().size() - 5, v3.nodes().size()).stream().map(n -> n.id()).toList());
        assertEquals(8, v3.nodes().stream().filter(n -> n.layer() instanceof Multiply).count());
        // torchvision's BatchNorm2d(eps=0.001, momentum=0.01) on every conv, stem to head
        assertEquals(new BatchNorm(1e-3, 0.99), v3.node("features.0.bn").layer());
        assertEquals(new BatchNorm(1e-3, 0.99), v3.node("features.15.project.bn").layer());
        assertEquals(v3, ArchitectureJson.read(ArchitectureJson.write(v3)));
    }

    @Test
    void efficientNetB0IsLite0WithSiluAndSqueezeExciteOfTheBlockInput() {
        Architecture b0 = ReferenceNetworks.byName("efficientnet_b0");
        assertEquals(16, b0.nodes().stream().filter(n -> n.layer() instanceof Multiply).count());
        // features.2 reads 16 channels and expands to 96: squeeze max(1, 16/4) = 4 (of the input, not the 96)
        assertEquals(Shape.flat(4), b0.shape("features.2.se.fc1"));
        assertEquals(Shape.flat(96), b0.shape("features.2.se.fc2"));
        assertEquals(new Activation(ActivationType.SIGMOID), b0.node("features.2.se.fc2.sigmoid").layer());
        assertEquals(new Activation(ActivationType.SILU), b0.node("features.17.silu").layer());
        assertEquals(BatchNorm.standard(), b0.node("features.2.dw.bn").layer(), "torchvision's default BatchNorm2d");
        // the squeeze-excite nets are not RAN-e bases: RAN-e's blocks have no SE to keep
        assertFalse(MobileNets.presets().containsKey("efficientnet_b0"));
    }

    @Test
    void squeezeExciteWidthIsTorchvisionsMakeDivisible() {
        assertEquals(8, SqueezeExcite.makeDivisible(4, 8));
        assertEquals(24, SqueezeExcite.makeDivisible(72 / 4, 8));
        assertEquals(32, SqueezeExcite.makeDivisible(120 / 4, 8));
        assertEquals(168, SqueezeExcite.makeDivisible(672 / 4, 8));
        assertEquals(40, SqueezeExcite.MOBILENET_V3.squeezeChannels(16, 144 + 16));
        assertEquals(1, SqueezeExcite.EFFICIENTNET.squeezeChannels(3, 18));
    }

    /** The minis must train in minutes on a 2-core CPU: a few M MACs, well under 0.3 M params. */
    @ParameterizedTest
    @ValueSource(strings = {"mobilenet_v2_mini", "efficientnet_lite0_mini", "mobilenet_v3_large_mini",
        "mobilenet_v3_small_mini", "efficientnet_b0_mini"})
    void minisAreSmallAndBuildInDl4j(String name) {
        Architecture mini = ReferenceNetworks.byName(name, MINI_INPUT, 10);
        ArchitectureCounts counts = ArchitectureCounts.of(mini);
        LOG.info("{} at {}: {} MACs, {} trainable params", name, MINI_INPUT, counts.macs(), counts.trainableParams());
        assertTrue(counts.macs() >= 2_000_000 && counts.macs() <= 10_000_000, name + ": " + counts.macs() + " MACs");
        assertTrue(counts.trainableParams() < 300_000, name + ": " + counts.trainableParams() + " params");
        InvertedResidualNet preset = MobileNets.presets().containsKey(name) ? MobileNets.presets().get(name)
                : MobileNets.squeezeExcitePresets().get(name);
        assertEquals(Shape.image(256, 4, 4), mini.shape("features." + (preset.blocks().size() + 1)));

        ComputationGraph graph = GraphBuilder.build(mini, 3, 1e-3);
        assertEquals(counts.trainableParams() + counts.stateParams(), graph.numParams());
        INDArray out = graph.outputSingle(Nd4j.rand(2, 1, 28, 28));
        assertArrayEquals(new long[] {2, 10}, out.shape());
        // one training step moves the weights
        INDArray before = graph.params().dup();
        graph.fit(new DataSet(Nd4j.rand(2, 1, 28, 28), Nd4j.eye(10).getRows(3, 7)));
        assertTrue(before.distance2(graph.params()) > 0, name + ": a training step changed nothing");
    }

    @Test
    void everyPresetIsRegisteredAndTakesAnyInput() {
        assertTrue(ReferenceNetworks.names().containsAll(
                List.of("mobilenet_v2", "efficientnet_lite0", "mobilenet_v2_mini", "efficientnet_lite0_mini")));
        assertEquals(List.copyOf(MobileNets.presets().keySet()),
                List.of("mobilenet_v2", "efficientnet_lite0", "mobilenet_v2_mini", "efficientnet_lite0_mini"));
        Architecture rgb = ReferenceNetworks.byName("efficientnet_lite0_mini", Shape.image(3, 32, 32), 100);
        assertEquals(Shape.flat(100), rgb.shape("fc"));
        assertEquals(Shape.image(16, 32, 32), rgb.shape("features.0"), "the minis' stem keeps the resolution");
        assertEquals(Shape.flat(10), MobileNets.efficientNetLite0(Shape.image(3, 96, 96), 10).shape("fc"));
    }

    @Test
    void stageTableIsValidatedByField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new InvertedResidualStage(6, 24, 2, 2, 4));
        assertTrue(e.getMessage().contains("'kernel' = 4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new InvertedResidualStage(0, 24, 2, 2, 3));
        assertTrue(e.getMessage().contains("'expansion' = 0"), e.getMessage());
    }
}
