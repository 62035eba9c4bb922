package io.hwnas.arch.zoo;

import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureCounts;
import io.hwnas.arch.ArchitectureJson;
import io.hwnas.arch.DepthwiseConv2d;
import io.hwnas.arch.Shape;
import io.hwnas.arch.Size2;
import io.hwnas.dl4j.GraphBuilder;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

    /** The minis must train in minutes on a 2-core CPU: a few M MACs, well under 0.3 M params. */
    @ParameterizedTest
    @ValueSource(strings = {"mobilenet_v2_mini", "efficientnet_lite0_mini"})
    void minisAreSmallAndBuildInDl4j(String name) {
        Architecture mini = ReferenceNetworks.byName(name, MINI_INPUT, 10);
        ArchitectureCounts counts = ArchitectureCounts.of(mini);
        LOG.info("{} at {}: {} MACs, {} trainable params, {} blocks", name, MINI_INPUT, counts.macs(),
                counts.trainableParams(), MobileNets.presets().get(name).blocks().size());
        assertTrue(counts.macs() >= 2_000_000 && counts.macs() <= 10_000_000, name + ": " + counts.macs() + " MACs");
        assertTrue(counts.trainableParams() < 300_000, name + ": " + counts.trainableParams() + " params");
        assertEquals(Shape.image(256, 4, 4), mini.shape("features." + (MobileNets.presets().get(name).blocks().size() + 1)));

        ComputationGraph graph = GraphBuilder.build(mini, 3, 1e-3);
        assertEquals(counts.trainableParams() + counts.stateParams(), graph.numParams());
        INDArray out = graph.outputSingle(Nd4j.rand(2, 1, 28, 28));
        assertArrayEquals(new long[] {2, 10}, out.shape());
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
