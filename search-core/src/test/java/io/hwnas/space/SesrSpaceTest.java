package io.hwnas.space;

import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureCounts;
import io.hwnas.arch.Conv2d;
import io.hwnas.arch.Node;
import io.hwnas.arch.Shape;
import io.hwnas.arch.zoo.Sesr;
import io.hwnas.arch.zoo.Sesrs;
import io.hwnas.dl4j.GraphBuilder;
import io.hwnas.io.Mappers;
import io.hwnas.transform.CollapseResult;
import io.hwnas.transform.Dl4jParameters;
import io.hwnas.transform.Parameters;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SesrSpaceTest {
    private static final Logger LOG = LoggerFactory.getLogger(SesrSpaceTest.class);
    private static final ImageInput LR = new ImageInput(1, 16, 16);

    private static SesrSpace space() {
        return new SesrSpace(LR, 2, List.of(8, 16), List.of(1, 3, 5), List.of(8, 32), List.of(3, 5),
                List.of("prelu", "relu"), List.of("expanded", "collapsed"));
    }

    /** The choice with these options, by value, trained expanded. */
    static Choice choice(SesrSpace s, int f, int m, int p, int k, String act) {
        return choice(s, f, m, p, k, act, "expanded");
    }

    /** The choice with these options, by value. */
    static Choice choice(SesrSpace s, int f, int m, int p, int k, String act, String training) {
        return Choice.of(s.features().indexOf(f), s.blocks().indexOf(m), s.expansions().indexOf(p),
                s.kernels().indexOf(k), s.activations().indexOf(act), s.training().indexOf(training));
    }

    @Test
    void bindsFromYamlWithTheSixDimensions() throws Exception {
        SearchSpace s = Mappers.strictYaml().readValue("""
                {type: sesr, input: {channels: 1, height: 16, width: 16}, features: [8, 16], blocks: [1, 3, 5],
                 expansions: [16, 64]}""", SearchSpace.class);
        assertEquals(new SesrSpace(LR, 2, List.of(8, 16), List.of(1, 3, 5), List.of(16, 64), List.of(5),
                List.of("prelu"), List.of("expanded")), s);
        assertEquals(List.of("f", "m", "p", "kernel", "activation", "training"),
                s.dimensions().stream().map(Dimension::name).toList());
        assertEquals(BigInteger.valueOf(12), s.size());
        assertEquals(BigInteger.valueOf(96), space().size());
        assertEquals(Map.of("f", "16", "m", "3", "p", "32", "kernel", "5", "activation", "relu", "training",
                "collapsed"), space().describe(choice(space(), 16, 3, 32, 5, "relu", "collapsed")));
    }

    /**
     * f = 16, m = 3, p = 32, 5×5 input/output blocks, ×2 on a 16×16 patch. Deployed: 25·16 + 3·9·16² + 25·16·4 =
     * 8,912 conv weights, each used once per low-resolution pixel, plus 3·16 PReLU slopes. Expanded, per pixel:
     * 25·32 + 32·16 (input block) + 3·(9·16·32 + 32·16) + 25·16·32 + 32·4 (output block) = 29,600 MACs.
     */
    @Test
    void knownCandidateDecodesExpandedAndDeploysCollapsed() {
        SesrSpace s = space();
        Choice c = choice(s, 16, 3, 32, 5, "prelu");
        Architecture expanded = s.decode(c);
        assertEquals(29_600L * 256, ArchitectureCounts.of(expanded).macs());
        assertEquals(Shape.image(1, 32, 32), expanded.shape(expanded.output().id()));
        Architecture deployed = s.deploy(c).architecture();
        ArchitectureCounts counts = ArchitectureCounts.of(deployed);
        assertEquals(8_912L * 256, counts.macs());
        assertEquals(8_912 + 3 * 16, counts.trainableParams());
        Architecture paper = new Sesr("x", 16, 3, 2, 32).deployed(LR.toShape());
        assertEquals(paper.nodes().stream().map(Node::id).toList(), deployed.nodes().stream().map(Node::id).toList());
    }

    /** With p < f a collapse raises MACs block by block, yet SESR always deploys one conv per linear block. */
    @Test
    void smallExpansionStillDeploysOneConvPerBlock() {
        SesrSpace s = space();
        Choice c = choice(s, 16, 5, 8, 3, "relu");
        Architecture deployed = s.deploy(c).architecture();
        long convs = deployed.nodes().stream().filter(n -> n.layer() instanceof Conv2d).count();
        assertEquals(1 + 5 + 1, convs);
        // 3×3 input/output blocks: 9·16 + 5·9·16² + 9·16·4 weights per pixel
        assertEquals((9L * 16 + 5 * 9 * 256 + 9 * 16 * 4) * 256, ArchitectureCounts.of(deployed).macs());
        assertTrue(deployed.nodes().stream().anyMatch(n -> n.id().equals("linear_block.5.relu")));
        assertTrue(ArchitectureCounts.of(s.decode(c)).macs() < ArchitectureCounts.of(deployed).macs(),
                "p = 8 < f: here the expanded form is the cheaper one");
    }

    /**
     * The trained expanded net and the collapsed DL4J net with the mapped weights agree on a random low-resolution
     * input, for both activations and both kernels (a few Adam steps first, so every weight and slope has moved).
     */
    @ParameterizedTest
    @CsvSource({"8, 3, 32, 5, prelu", "16, 1, 8, 3, relu", "16, 5, 32, 3, prelu"})
    void collapsedDl4jNetGivesTheTrainedExpandedNetsOutput(int f, int m, int p, int k, String act) {
        SesrSpace s = space();
        Choice c = choice(s, f, m, p, k, act);
        Architecture expanded = s.decode(c);
        ComputationGraph trained = GraphBuilder.buildImageRegression(expanded, 5, 1e-2, LossFunctions.LossFunction.L1);
        Nd4j.getRandom().setSeed(3);
        for (int step = 0; step < 3; step++) {
            trained.fit(new INDArray[] {Nd4j.rand(DataType.FLOAT, 4, 1, 16, 16)},
                    new INDArray[] {Nd4j.rand(DataType.FLOAT, 4, 1, 32, 32)});
        }
        CollapseResult deployed = s.deploy(c);
        Parameters mapped = deployed.weights().apply(Dl4jParameters.read(expanded, trained));
        ComputationGraph collapsed = GraphBuilder.buildImageRegression(deployed.architecture(), 6, 1e-2,
                LossFunctions.LossFunction.L1);
        Dl4jParameters.write(deployed.architecture(), mapped, collapsed);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 1, 16, 16);
        INDArray a = trained.outputSingle(x);
        INDArray b = collapsed.outputSingle(x);
        assertArrayEquals(new long[] {2, 1, 32, 32}, b.shape());
        double diff = Transforms.abs(a.sub(b)).maxNumber().doubleValue();
        LOG.info("{}: trained expanded vs collapsed max |Δ| = {}", expanded.name(), diff);
        assertTrue(diff < 1e-4, expanded.name() + ": max |Δ| = " + diff);
    }

    /**
     * SESR's collapsed training (its README): M5 ×2, p = 256, a batch of 32 64×64 patches. Expanded, one forward
     * pass costs 41.77 B MACs; collapsed, the deployed net's 32·64²·13,520 = 1.77 B plus collapsing every linear
     * block's weights each step, 1.84 B in all. The collapse runs the expanded block on its K²·C one-hot K×K
     * inputs (valid padding, so one output pixel each): K²·C times the expanded block's MACs per pixel.
     */
    @Test
    void collapsedTrainingCostsWhatTheSesrReadmeSays() {
        Sesr m5 = Sesrs.presets().get("sesr_m5_x2");
        Shape patch = Shape.image(1, 64, 64);
        long expanded = 32 * ArchitectureCounts.of(m5.expanded(patch)).macs();
        long deployed = 32 * ArchitectureCounts.of(m5.deployed(patch)).macs();
        long collapse = collapseMacs(m5.expanded(patch));
        long collapsedTraining = deployed + collapse;
        LOG.info("SESR-M5 x2, 32 64x64 patches: expanded {} MACs, collapsed training {} (deployed {} + collapse {})",
                expanded, collapsedTraining, deployed, collapse);
        assertEquals(41.77e9, expanded, 0.0005 * 41.77e9, "the README truncates 41.775 B");
        assertEquals(1.84e9, collapsedTraining, 0.005e9);
        // 25·(25·256 + 256·16) + 5·144·(9·16·256 + 256·16) + 400·(25·16·256 + 256·4)
        assertEquals(71_123_200, collapse);
    }

    /** Per training step: every expanded linear block applied to its K²·C one-hot K×K inputs. */
    private static long collapseMacs(Architecture expanded) {
        long total = 0;
        for (Node n : expanded.nodes()) {
            if (n.id().endsWith(".expand")) {
                Conv2d conv = (Conv2d) n.layer();
                Shape in = expanded.inputShapes(n).get(0);
                Node project = expanded.nodes().stream().filter(o -> o.inputs().equals(List.of(n.id()))).findFirst()
                        .orElseThrow();
                long pixels = (long) in.height() * in.width();
                long perPixel = (n.layer().macs(expanded.inputShapes(n), expanded.shape(n.id()))
                        + project.layer().macs(expanded.inputShapes(project), expanded.shape(project.id()))) / pixels;
                total += (long) conv.kernel().h() * conv.kernel().w() * in.channels() * perPixel;
            }
        }
        return total;
    }

    @Test
    void badValuesAreRefusedInOneLine() {
        assertRefused("field 'kernels' contains 4; allowed: 3, 5",
                () -> new SesrSpace(LR, 2, List.of(8), List.of(1), List.of(8), List.of(4), List.of("relu"),
                        List.of("expanded")));
        assertRefused("field 'activations' contains gelu; allowed: prelu, relu",
                () -> new SesrSpace(LR, 2, List.of(8), List.of(1), List.of(8), List.of(3), List.of("gelu"),
                        List.of("expanded")));
        assertRefused("field 'features' contains 0; allowed: integers >= 1",
                () -> new SesrSpace(LR, 2, List.of(0), List.of(1), List.of(8), List.of(3), List.of("relu"),
                        List.of("expanded")));
        assertRefused("field 'blocks' lists a value twice: [3, 3]",
                () -> new SesrSpace(LR, 2, List.of(8), List.of(3, 3), List.of(8), List.of(3), List.of("relu"),
                        List.of("expanded")));
        assertRefused("field 'expansions' must list at least one value",
                () -> new SesrSpace(LR, 2, List.of(8), List.of(1), List.of(), List.of(3), List.of("relu"),
                        List.of("expanded")));
        assertRefused("field 'scale' = 1 must be >= 2 (the task's scale)",
                () -> new SesrSpace(LR, 1, List.of(8), List.of(1), List.of(8), List.of(3), List.of("relu"),
                        List.of("expanded")));
        assertRefused("field 'input' = 3 channels must be given with 1 channel (the low-resolution Y plane)",
                () -> new SesrSpace(new ImageInput(3, 16, 16), 2, List.of(8), List.of(1), List.of(8), List.of(3),
                        List.of("relu"), List.of("expanded")));
    }

    private static void assertRefused(String message, org.junit.jupiter.api.function.Executable build) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
        assertEquals(message, e.getMessage());
        assertTrue(!e.getMessage().contains("\n"));
    }
}
