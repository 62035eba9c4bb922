package io.hwnas.arch.zoo;

import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureCounts;
import io.hwnas.arch.Conv2d;
import io.hwnas.arch.Node;
import io.hwnas.arch.Shape;
import io.hwnas.arch.Size2;
import io.hwnas.dl4j.GraphBuilder;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Fashion-MNIST-sized ResNets: the full-size blocks, depths and ids at a budget a small CPU trains in minutes. */
class ResNetsMiniTest {
    private static final Logger LOG = LoggerFactory.getLogger(ResNetsMiniTest.class);

    private static Architecture mini(String name) {
        return ReferenceNetworks.byName(name, ResNets.MINI_INPUT, ResNets.MINI_CLASSES);
    }

    private static List<String> ids(Architecture arch) {
        return arch.nodes().stream().map(Node::id).toList();
    }

    @ParameterizedTest
    @CsvSource({"resnet18_mini, resnet18", "resnet50_mini, resnet50"})
    void sameBlocksAndIdsAsTheFullSizeNetWithoutTheMaxPool(String mini, String full) {
        List<String> fullIds = ids(ReferenceNetworks.byName(full, ReferenceNetworks.IMAGENET_INPUT, 10));
        assertEquals(fullIds.stream().filter(id -> !id.equals("maxpool")).toList(), ids(mini(mini)));
    }

    @ParameterizedTest
    @CsvSource({"resnet18_mini, 176258, 1200", "resnet50_mini, 375618, 6640"})
    void countsStayWithinTheMiniBudget(String name, long params, long bnState) {
        ArchitectureCounts counts = ArchitectureCounts.of(mini(name));
        LOG.info("{}: {} MACs, {} trainable params, {} BN state", name, counts.macs(), counts.trainableParams(),
                counts.stateParams());
        assertTrue(counts.macs() >= 5_000_000 && counts.macs() <= 20_000_000, name + ": " + counts.macs() + " MACs");
        assertTrue(counts.trainableParams() < 500_000, name + ": " + counts.trainableParams() + " params");
        assertEquals(params, counts.trainableParams());
        assertEquals(bnState, counts.stateParams());
    }

    @Test
    void resnet18MiniMacsAreExactlyTheHandSum() {
        // A stride-1 C→C 3×3 conv at 8 channels and 28² costs 9·8²·28² = 451,584, and so does every one in
        // layer2 and layer3 (channels double as each side halves); layer2/3's first conv reads C/2, so half.
        // layer4 runs at 4×4 ('same' padding rounds 7/2 up): 9·64²·16 = 589,824 per full conv.
        // Stem 9·1·8·28²; downsamples 8·16·14², 16·32·7², 32·64·4²; fc 64·10.
        long unit = 451_584L;
        long layer4 = 589_824L;
        assertEquals(56_448L + 11 * unit + 7 * layer4 / 2 + 25_088L + 25_088L + 32_768L + 640L,
                ArchitectureCounts.of(mini("resnet18_mini")).macs());
    }

    @Test
    void smallStemKeepsFullResolutionIntoTheFirstStage() {
        Architecture r18 = ResNets.resnet18Mini();
        Conv2d stem = (Conv2d) r18.node("conv1").layer();
        assertEquals(Size2.of(3), stem.kernel());
        assertEquals(Size2.of(1), stem.stride());
        assertEquals(Shape.image(8, 28, 28), r18.shape("layer1.1.relu"));
        assertEquals(Shape.image(64, 4, 4), r18.shape("layer4.1.relu"));
        Architecture r50 = ResNets.resnet50Mini();
        assertEquals(Shape.image(32, 28, 28), r50.shape("layer1.0.downsample.bn"));
        assertEquals(Shape.image(256, 4, 4), r50.shape("layer4.2.relu"));
        assertEquals(Shape.flat(10), r50.shape("fc"));
    }

    @ParameterizedTest
    @CsvSource({"resnet18_mini", "resnet50_mini"})
    void buildsInDl4jWithTheCountedParameters(String name) {
        Architecture arch = mini(name);
        ComputationGraph graph = GraphBuilder.build(arch, 7, 1e-3);
        assertEquals(ArchitectureCounts.of(arch).totalParams(), graph.numParams());
        long[] out = graph.outputSingle(false, Nd4j.rand(new int[] {2, 1, 28, 28})).shape();
        assertArrayEquals(new long[] {2, 10}, out);
    }

    @Test
    void fullSizeNetsKeepTheImageNetStem() {
        Architecture r18 = ResNets.resnet18();
        Conv2d stem = (Conv2d) r18.node("conv1").layer();
        assertEquals(Size2.of(7), stem.kernel());
        assertEquals(Size2.of(2), stem.stride());
        assertEquals(Shape.image(64, 56, 56), r18.shape("maxpool"));
        assertEquals(Shape.image(2048, 7, 7), ResNets.resnet50().shape("layer4.2.relu"));
    }
}
