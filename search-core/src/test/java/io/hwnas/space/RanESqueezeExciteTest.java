package io.hwnas.space;

import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureCounts;
import io.hwnas.arch.LayerCount;
import io.hwnas.arch.Multiply;
import io.hwnas.arch.Node;
import io.hwnas.arch.zoo.InvertedResidualBlock;
import io.hwnas.arch.zoo.MobileNets;
import io.hwnas.arch.zoo.ReferenceNetworks;
import io.hwnas.dl4j.GraphBuilder;
import io.hwnas.transform.BranchMerge;
import io.hwnas.transform.Collapse;
import io.hwnas.transform.CollapseResult;
import io.hwnas.transform.LinearBlockCollapse;
import io.hwnas.transform.OracleReport;
import io.hwnas.transform.SequentialCollapse;
import io.hwnas.transform.TransformException;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.hwnas.space.RanESpaceTest.checkCandidate;
import static io.hwnas.space.RanESpaceTest.everywhere;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RAN-e on bases whose blocks squeeze and excite: SE kept or removed per block, and never folded across. */
class RanESqueezeExciteTest {
    private static final ImageInput MNIST = new ImageInput(1, 28, 28);

    private static RanESpace space(String base) {
        return new RanESpace(base, MNIST, 10, null, null);
    }

    private static Set<String> ids(Architecture arch) {
        return arch.nodes().stream().map(Node::id).collect(Collectors.toSet());
    }

    /**
     * Removing SE everywhere deletes exactly each SE block's pool → fc → act → fc → gate → multiply, and the
     * MACs and parameters by exactly what those nodes counted: the fcs' 2·hidden·squeezed weights plus biases.
     */
    @ParameterizedTest
    @ValueSource(strings = {"mobilenet_v3_small_mini", "mobilenet_v3_large_mini", "efficientnet_b0_mini"})
    void removingSqueezeExciteDeletesExactlyTheBranch(String base) {
        RanESpace s = space(base);
        Architecture with = s.decode(s.baseline());
        Architecture without = s.decode(everywhere(s, RanEOption.MBCONV_NO_SE));
        assertEquals(ReferenceNetworks.byName(base, MNIST.toShape(), 10).fingerprint(), with.fingerprint());

        Set<String> removed = new HashSet<>(ids(with));
        removed.removeAll(ids(without));
        assertTrue(ids(with).containsAll(ids(without)), "removal adds no node");
        Set<String> expected = new HashSet<>();
        long params = 0;
        for (InvertedResidualBlock block : MobileNets.squeezeExcitePresets().get(base).blocks()) {
            if (block.squeezesAndExcites()) {
                String se = block.id() + ".se";
                String act = block.squeezeExcite().activation().id();
                String gate = block.squeezeExcite().gate().id();
                expected.addAll(List.of(se + ".pool", se + ".fc1", se + ".fc1." + act, se + ".fc2",
                        se + ".fc2." + gate, se));
                params += 2L * block.hiddenChannels() * block.squeezeChannels() + block.squeezeChannels()
                        + block.hiddenChannels();
                // the project conv now reads the depthwise's activation directly
                assertEquals(List.of(block.id() + ".dw." + block.activation().id()),
                        without.node(block.id() + ".project").inputs());
            }
        }
        assertTrue(params > 0, base + " has squeeze-excite");
        assertEquals(expected, removed);

        ArchitectureCounts a = ArchitectureCounts.of(with);
        ArchitectureCounts b = ArchitectureCounts.of(without);
        Map<String, LayerCount> perNode = a.layers().stream().collect(Collectors.toMap(LayerCount::nodeId,
                Function.identity()));
        long removedMacs = removed.stream().mapToLong(id -> perNode.get(id).macs()).sum();
        assertEquals(a.macs() - removedMacs, b.macs());
        assertEquals(a.trainableParams() - params, b.trainableParams());
        assertEquals(a.stateParams(), b.stateParams());
        // every other node is the same layer
        for (Node n : without.nodes()) {
            assertEquals(with.node(n.id()).layer(), n.layer(), n.id());
        }
    }

    @Test
    void seOptionsAreOfferedOnlyWhereTheyApply() {
        List<Dimension> dims = space("mobilenet_v3_small_mini").dimensions();
        // features.1: SE, no expansion; features.2: expansion, no SE; features.4: both
        assertEquals(List.of("mbconv", "regular", "linear", "mbconv-no-se"), dims.get(0).options());
        assertEquals(List.of("mbconv", "regular", "linear", "fused"), dims.get(1).options());
        assertEquals(List.of("mbconv", "regular", "linear", "fused", "mbconv-no-se", "fused-no-se"),
                dims.get(3).options());
        // a net without SE offers exactly what it did before
        assertEquals(List.of("mbconv", "regular", "linear", "fused"),
                space("mobilenet_v2_mini").dimensions().get(1).options());
        Exception e = assertThrows(IllegalArgumentException.class, () -> new RanESpace("mobilenet_v3_small_mini",
                MNIST, 10, null, List.of(RanEOption.FUSED, RanEOption.FUSED_NO_SE)));
        assertTrue(e.getMessage().contains("'features.1'"), e.getMessage());
    }

    /** The base's own activations stay: MobileNetV3's ReLU blocks are not turned into hard-swish ones. */
    @Test
    void mobileNetV3KeepsItsActivationMix() {
        Architecture decoded = space("mobilenet_v3_small_mini").decode(space("mobilenet_v3_small_mini").baseline());
        assertTrue(ids(decoded).contains("features.2.expand.relu"));
        assertTrue(ids(decoded).contains("features.4.expand.hard_swish"));
        Architecture relu = new RanESpace("mobilenet_v3_small_mini", MNIST, 10, io.hwnas.arch.ActivationType.RELU,
                null).decode(space("mobilenet_v3_small_mini").baseline());
        assertTrue(ids(relu).contains("features.4.expand.relu"));
        assertTrue(ids(relu).contains("features.4.se.fc2.hard_sigmoid"), "squeeze-excite keeps its gate");
    }

    /**
     * A decode mixing every option (SE kept and removed, fused with SE) builds in DL4J with the counted
     * parameters, trains a step and deploys exactly: a fused block merges expand and depthwise in front of its SE.
     */
    @ParameterizedTest
    @ValueSource(strings = {"mobilenet_v3_small_mini", "efficientnet_b0_mini"})
    void mixedDecodeBuildsTrainsAndDeploysExactly(String base) {
        RanESpace s = space(base);
        Set<String> seen = new HashSet<>();
        for (Choice c : Sampling.distinct(s, 3, 7)) {
            seen.addAll(s.describe(c).values());
            OracleReport report = checkCandidate(s, c);
            assertTrue(report.withinFp32Rounding(), s.describe(c) + ": " + report + ", bar " + report.fp32Bar());
        }
        for (RanEOption o : RanEOption.values()) {
            OracleReport report = checkCandidate(s, everywhere(s, o));
            assertTrue(report.withinFp32Rounding(), o.id() + " everywhere: " + report + ", bar " + report.fp32Bar());
        }
        assertTrue(seen.size() >= 4, "the sample mixes options: " + seen);

        Architecture fusedWithSe = s.decode(everywhere(s, RanEOption.FUSED));
        CollapseResult deployed = s.deploy(everywhere(s, RanEOption.FUSED));
        long multiplies = fusedWithSe.nodes().stream().filter(n -> n.layer() instanceof Multiply).count();
        assertTrue(multiplies > 0);
        assertEquals(multiplies, deployed.architecture().nodes().stream().filter(n -> n.layer() instanceof Multiply)
                .count(), "every SE survives deployment");

        ComputationGraph graph = GraphBuilder.build(fusedWithSe, 3, 1e-3);
        INDArray before = graph.params().dup();
        graph.fit(new DataSet(Nd4j.rand(2, 1, 28, 28), Nd4j.eye(10).getRows(1, 8)));
        assertTrue(before.distance2(graph.params()) > 0, "a training step changed nothing");
    }

    /**
     * The SE multiply is not linear: no rewrite folds across it. Sequential collapse, the block collapse and
     * the branch merge each refuse at an SE block, naming the multiply or the block's shape, and a full
     * exact collapse (no MAC veto) leaves every SE node in place.
     */
    @Test
    void collapseNeverFoldsAcrossTheSqueezeExciteMultiply() {
        Architecture net = ReferenceNetworks.byName("mobilenet_v3_small_mini", MNIST.toShape(), 10);
        TransformException e = assertThrows(TransformException.class,
                () -> new SequentialCollapse().apply(net, "features.5.project"));
        assertTrue(e.getMessage().contains("'features.5.se'") && e.getMessage().contains("multiply"), e.getMessage());
        e = assertThrows(TransformException.class, () -> new LinearBlockCollapse().apply(net, "features.5.add"));
        assertTrue(e.getMessage().contains("features.5.add"), e.getMessage());
        e = assertThrows(TransformException.class, () -> new BranchMerge().apply(net, "features.5.add"));
        assertTrue(e.getMessage().contains("features.5"), e.getMessage());

        CollapseResult collapsed = Collapse.exact().apply(net);
        for (Node n : net.nodes()) {
            if (n.id().contains(".se")) {
                assertEquals(n.layer(), collapsed.architecture().node(n.id()).layer(), n.id());
            }
        }
    }
}
