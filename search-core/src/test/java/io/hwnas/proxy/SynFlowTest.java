package io.hwnas.proxy;

import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.BatchNorm;
import io.hwnas.arch.zoo.ReferenceNetworks;
import io.hwnas.arch.Activation;
import io.hwnas.arch.Node;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.IActivation;
import io.hwnas.dl4j.GeluErf;
import org.nd4j.linalg.activations.impl.ActivationSwish;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SynFlow on real DL4J nets. For a net whose activations and pooling are positively homogeneous
 * (ReLU, max pool, flatten) and whose biases are zero (DL4J initialises them so), R is linear in
 * each weight layer separately; with |θ| ≥ 0 and an all-ones input every ∂R/∂θ ≥ 0, so by Euler's
 * theorem each layer's Σ|θ ⊙ ∂R/∂θ| equals R, and the score is exactly (weight layers) × R
 * (Tanaka et al.'s conservation law). Scaling one layer's weights by α scales R, and the score, by α.
 */
class SynFlowTest {

    @Test
    void positiveFiniteAndDeterministicOnRealNets() {
        for (Architecture arch : new Architecture[] {ProxyNets.quickstart(ActivationType.SILU),
                ReferenceNetworks.byName("resnet18_mini")}) {
            double first = SynFlow.logScore(arch, 5);
            assertTrue(Double.isFinite(first), arch.name() + " synflow " + first);
            assertEquals(first, SynFlow.logScore(arch, 5), 0.0, arch.name());
            assertNotEquals(first, SynFlow.logScore(arch, 6), arch.name() + ": another seed, other weights");
        }
    }

    @Test
    void scoreIsLayersTimesObjectiveForAHomogeneousNet() {
        Architecture relu = ProxyNets.quickstart(ActivationType.RELU);
        ComputationGraph graph = SynFlow.graph(relu, 5);
        double raw = SynFlow.rawScore(graph, relu.input());
        double r = SynFlow.objective(graph, relu.input());
        // two convs and the classifier; a softmax output would make R = 1 and the score 0
        assertTrue(r > 100, "R = " + r);
        assertEquals(3 * r, raw, 1e-9 * raw);
        assertEquals(Math.log(raw), SynFlow.logScore(relu, 5), 1e-12);
    }

    @Test
    void scalingOneLayerScalesTheScore() {
        Architecture relu = ProxyNets.quickstart(ActivationType.RELU);
        double base = SynFlow.rawScore(SynFlow.graph(relu, 5), relu.input());
        for (String layer : new String[] {"s0.c0.conv", "classifier"}) {
            ComputationGraph graph = SynFlow.graph(relu, 5);
            graph.getLayer(layer).paramTable().get("W").muli(-3);
            assertEquals(3 * base, SynFlow.rawScore(graph, relu.input()), 1e-9 * base, layer);
        }
    }

    @Test
    void finiteForEveryActivationInADeepNet() {
        // |θ| weights and an all-ones input drive resnet18_mini's pre-activations far beyond where
        // DL4J's own SiLU and GELU derivatives overflow to NaN
        Architecture resnet = ReferenceNetworks.byName("resnet18_mini");
        for (ActivationType t : ActivationType.values()) {
            List<Node> nodes = resnet.nodes().stream()
                    .map(n -> n.layer() instanceof Activation ? new Node(n.id(), new Activation(t), n.inputs()) : n)
                    .toList();
            double score = SynFlow.logScore(new Architecture("resnet18_mini-" + t.id(), resnet.input(), nodes), 5);
            assertTrue(Double.isFinite(score), t + ": synflow " + score);
        }
    }

    @Test
    void overflowSafeSiluMatchesDl4jWhereItIsFiniteAndGeluNeedsNoReplacement() {
        double[] x = {-30, -5, -1, -0.1, 0, 0.1, 1, 5, 30};
        assertSame(SynFlow.overflowSafe(new GeluErf()).getClass(), GeluErf.class);
        for (IActivation dl4j : List.of(new ActivationSwish())) {
            IActivation safe = SynFlow.overflowSafe(dl4j);
            INDArray in = Nd4j.create(x, new long[] {1, x.length});
            assertArrayEquals(dl4j.getActivation(in.dup(), false).toDoubleVector(),
                    safe.getActivation(in.dup(), false).toDoubleVector(), 1e-9, dl4j.toString());
            assertArrayEquals(dl4j.backprop(in.dup(), Nd4j.onesLike(in)).getFirst().toDoubleVector(),
                    safe.backprop(in.dup(), Nd4j.onesLike(in)).getFirst().toDoubleVector(), 1e-9, dl4j.toString());
            INDArray huge = Nd4j.create(new double[] {-1e12, 1e3, 1e12}, new long[] {1, 3});
            assertArrayEquals(new double[] {0, 1, 1}, safe.backprop(huge, Nd4j.onesLike(huge)).getFirst().toDoubleVector(),
                    1e-12, dl4j.toString());
        }
    }

    @Test
    void evalFormDropsBatchNormButKeepsWeightsAndIds() {
        Architecture arch = ReferenceNetworks.byName("resnet18_mini");
        Architecture eval = SynFlow.evalForm(arch);
        assertEquals(arch.nodes().size(), eval.nodes().size());
        assertTrue(eval.nodes().stream().noneMatch(n -> n.layer() instanceof BatchNorm));
        assertEquals(io.hwnas.arch.ArchitectureCounts.of(arch).macs(), io.hwnas.arch.ArchitectureCounts.of(eval).macs());
    }
}
