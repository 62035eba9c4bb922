package io.hwnas.space;

import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureBuilder;
import io.hwnas.arch.ArchitectureCounts;
import io.hwnas.arch.ArchitectureException;
import io.hwnas.arch.ArchitectureJson;
import io.hwnas.arch.CollapsedLinearBlock;
import io.hwnas.arch.Dense;
import io.hwnas.arch.GlobalPool;
import io.hwnas.arch.Node;
import io.hwnas.arch.Shape;
import io.hwnas.dl4j.GraphBuilder;
import io.hwnas.dl4j.LayerKernels;
import io.hwnas.transform.CollapseResult;
import io.hwnas.transform.Dl4jParameters;
import io.hwnas.transform.TrainedCollapse;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SESR's collapsed training: a linear block whose expand and project convs are multiplied into one conv each step
 * ({@code collapsed_linear_block}). It must compute the same function as the expanded block, with the same parameter
 * gradients (chain rule through the product; DL4J's expanded net is the reference), count as the conv it runs, and
 * deploy to exactly the net the expanded form deploys to.
 */
class SesrCollapsedTrainingTest {

    private static final ImageInput LR = new ImageInput(1, 12, 12);

    private static SesrSpace space() {
        return new SesrSpace(LR, 2, List.of(8), List.of(1, 3), List.of(4, 16), List.of(3, 5), List.of("prelu", "relu"),
                List.of("expanded", "collapsed"));
    }

    /**
     * f = 8, m = 3, p = 16, 5×5 blocks: the collapsed-training net counts like the deployed one (25·8 + 3·9·64 +
     * 25·8·4 = 2,728 MACs per low-resolution pixel), keeps the expanded net's trainable parameters, and deploys to
     * the same architecture (same fingerprint) as the expanded form does.
     */
    @Test
    void countsAsTheConvItRunsAndDeploysAsTheExpandedNetDoes() {
        SesrSpace s = space();
        Choice expanded = SesrSpaceTest.choice(s, 8, 3, 16, 5, "prelu", "expanded");
        Choice collapsed = SesrSpaceTest.choice(s, 8, 3, 16, 5, "prelu", "collapsed");
        Architecture training = s.decode(collapsed);
        assertEquals(5, training.nodes().stream().filter(n -> n.layer() instanceof CollapsedLinearBlock).count());
        ArchitectureCounts counts = ArchitectureCounts.of(training);
        assertEquals(2_728L * 144, counts.macs());
        assertEquals(ArchitectureCounts.of(s.decode(expanded)).trainableParams(), counts.trainableParams());
        assertNotEquals(s.decode(expanded).fingerprint(), training.fingerprint(), "two training forms, two candidates");
        CollapseResult deployed = s.deploy(collapsed);
        assertEquals(s.deploy(expanded).architecture().fingerprint(), deployed.architecture().fingerprint());
        assertEquals(5, deployed.applied().stream().filter(r -> r.transform().equals(TrainedCollapse.NAME)).count());
        assertEquals(training, ArchitectureJson.read(ArchitectureJson.write(training)));
    }

    @Test
    void aResidualNeedsAsManyOutputsAsInputs() {
        ArchitectureException e = assertThrows(ArchitectureException.class, () -> new Architecture("bad",
                Shape.image(3, 8, 8), List.of(Node.of("block", new CollapsedLinearBlock(4, 3, 8, true), Node.INPUT))));
        assertTrue(e.getMessage().contains("field 'residual' = true needs outChannels 4 equal to the input channels 3"),
                e.getMessage());
    }

    @Test
    void onlyTheOneDnnKernelsBuildIt() {
        ArchitectureBuilder b = new ArchitectureBuilder("classifier", Shape.image(2, 8, 8));
        b.add("block", new CollapsedLinearBlock(2, 3, 8, true));
        b.add("pool", GlobalPool.avg());
        b.add("classifier", Dense.of(3));
        Architecture arch = b.build();
        ArchitectureException e = assertThrows(ArchitectureException.class,
                () -> GraphBuilder.build(arch, 1, 1e-3, LayerKernels.DL4J));
        assertEquals("node 'block' (collapsed_linear_block) has only a oneDNN layer; build it with LayerKernels.ONEDNN",
                e.getMessage());
        // the 3x3 conv 2->2 on 8x8, then the 2->3 classifier; parameters 8·2·9 + 2·8, then 2·3 + 3
        assertEquals(9L * 2 * 2 * 64 + 2 * 3, ArchitectureCounts.of(arch).macs());
        assertEquals(8 * 2 * 9 + 2 * 8 + 2 * 3 + 3, GraphBuilder.build(arch, 1, 1e-3).numParams());
    }

    /**
     * The collapsed-training net, given the expanded net's parameters, gives its output and the same gradient for
     * every parameter: the expand/project gradients through the weight product equal DL4J's through the two convs.
     * Then both take the same Adam steps and still agree: training collapsed is training the same model.
     */
    @ParameterizedTest
    @CsvSource({"1, 4, 3, relu", "3, 16, 5, prelu"})
    void trainsTheSameModelAsTheExpandedNet(int m, int p, int k, String act) {
        SesrSpace s = space();
        Architecture expandedArch = s.decode(SesrSpaceTest.choice(s, 8, m, p, k, act, "expanded"));
        Architecture collapsedArch = s.decode(SesrSpaceTest.choice(s, 8, m, p, k, act, "collapsed"));
        ComputationGraph expanded = regression(expandedArch, 5);
        ComputationGraph collapsed = regression(collapsedArch, 6);
        copyExpandedParameters(collapsedArch, expanded, collapsed);
        Nd4j.getRandom().setSeed(11);
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 1, 12, 12);
        INDArray y = Nd4j.rand(DataType.FLOAT, 4, 1, 24, 24);
        assertClose(expanded.outputSingle(x), collapsed.outputSingle(x), 1e-4, "output");

        Map<String, INDArray> e = gradients(expanded, x, y);
        Map<String, INDArray> c = gradients(collapsed, x, y);
        for (Node n : collapsedArch.nodes()) {
            if (n.layer() instanceof CollapsedLinearBlock) {
                assertClose(e.get(n.id() + ".expand_W"), c.get(n.id() + "_We"), 2e-3, n.id() + " expand gradient");
                assertClose(e.get(projectOf(n.id(), expanded) + "_W"), c.get(n.id() + "_Wp"), 2e-3,
                        n.id() + " project gradient");
            }
        }
        for (int step = 0; step < 3; step++) {
            expanded.fit(new INDArray[] {x}, new INDArray[] {y});
            collapsed.fit(new INDArray[] {x}, new INDArray[] {y});
        }
        assertClose(expanded.outputSingle(x), collapsed.outputSingle(x), 1e-3, "output after 3 Adam steps");
    }

    /** Trained collapsed, mapped onto the deployed net (weights pass unchanged): the same outputs. */
    @Test
    void aNetTrainedCollapsedTransfersToItsDeployedForm() {
        SesrSpace s = space();
        Choice c = SesrSpaceTest.choice(s, 8, 3, 16, 5, "prelu", "collapsed");
        Architecture training = s.decode(c);
        ComputationGraph trained = regression(training, 5);
        Nd4j.getRandom().setSeed(3);
        for (int step = 0; step < 3; step++) {
            trained.fit(new INDArray[] {Nd4j.rand(DataType.FLOAT, 4, 1, 12, 12)},
                    new INDArray[] {Nd4j.rand(DataType.FLOAT, 4, 1, 24, 24)});
        }
        ComputationGraph deployed = Dl4jParameters.transfer(training, trained, s.deploy(c).result(), 9);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 1, 12, 12);
        assertClose(trained.outputSingle(x), deployed.outputSingle(x), 1e-4, "deployed output");
    }

    private static ComputationGraph regression(Architecture arch, long seed) {
        return GraphBuilder.buildImageRegression(arch, seed, 1e-2, LossFunctions.LossFunction.L1);
    }

    /** The expanded block's project conv: {@code <id>.project} with a short residual, else {@code <id>}. */
    private static String projectOf(String id, ComputationGraph expanded) {
        return expanded.getConfiguration().getVertices().containsKey(id + ".project") ? id + ".project" : id;
    }

    private static void copyExpandedParameters(Architecture collapsedArch, ComputationGraph expanded,
                                               ComputationGraph collapsed) {
        for (Node n : collapsedArch.nodes()) {
            if (n.layer() instanceof CollapsedLinearBlock) {
                collapsed.getLayer(n.id()).setParam("We", expanded.getLayer(n.id() + ".expand").getParam("W").dup());
                collapsed.getLayer(n.id()).setParam("Wp", expanded.getLayer(projectOf(n.id(), expanded))
                        .getParam("W").dup());
            } else if (collapsed.getLayer(n.id()) != null && collapsed.getLayer(n.id()).numParams() > 0) {
                collapsed.getLayer(n.id()).setParams(expanded.getLayer(n.id()).params().dup());
            }
        }
    }

    private static Map<String, INDArray> gradients(ComputationGraph graph, INDArray x, INDArray y) {
        graph.setInputs(x);
        graph.setLabels(y);
        graph.computeGradientAndScore();
        return graph.gradient().gradientForVariable();
    }

    /** max |a − b| ≤ tolerance · max |a|: gradients of any scale are compared alike. */
    private static void assertClose(INDArray a, INDArray b, double tolerance, String what) {
        assertEquals(a.length(), b.length(), what + ": sizes");
        INDArray flatA = a.reshape(a.length());
        double scale = Math.max(1e-3, Transforms.abs(flatA).maxNumber().doubleValue());
        double diff = Transforms.abs(flatA.sub(b.reshape(b.length()))).maxNumber().doubleValue();
        assertTrue(diff <= tolerance * scale, what + ": max |Δ| = " + diff + " at scale " + scale);
    }
}
