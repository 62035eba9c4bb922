package io.hwnas.dl4j;

import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Add;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureException;
import io.hwnas.arch.ArchitectureBuilder;
import io.hwnas.arch.ArchitectureCounts;
import io.hwnas.arch.BatchNorm;
import io.hwnas.arch.Concat;
import io.hwnas.arch.Conv2d;
import io.hwnas.arch.Dense;
import io.hwnas.arch.DepthwiseConv2d;
import io.hwnas.arch.Dropout;
import io.hwnas.arch.Flatten;
import io.hwnas.arch.GlobalPool;
import io.hwnas.arch.Pool2d;
import io.hwnas.arch.Shape;
import io.hwnas.arch.Activation;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GraphBuilderTest {

    /** Every layer kind, a residual and a depthwise-as-groups conv. */
    private static Architecture everyKind() {
        ArchitectureBuilder b = new ArchitectureBuilder("every-kind", Shape.image(1, 28, 28));
        b.convBnAct("stem", Conv2d.same(8, 3, 2), ActivationType.HARD_SWISH);
        b.add("dw", DepthwiseConv2d.same(3, 1));
        b.add("dw.act", new Activation(ActivationType.SILU));
        b.add("dwgroups", Conv2d.same(8, 3, 1).withGroups(8));
        b.addFrom("res", new Add(), "dwgroups", "stem.act");
        b.addFrom("cat", new Concat(), "res", "dw");
        b.add("pool", Pool2d.max(2, 2, 0));
        b.add("avg", Pool2d.avg(3, 1, 1));
        b.add("gelu", new Activation(ActivationType.GELU));
        b.add("flat", new Flatten());
        b.add("drop", new Dropout(0.2));
        b.add("hidden", Dense.of(16));
        b.add("hidden.bn", BatchNorm.standard());
        b.add("hidden.act", new Activation(ActivationType.LEAKY_RELU));
        b.add("classifier", Dense.of(10));
        return b.build();
    }

    @Test
    void builtGraphHasExactlyTheIrParameters() {
        Architecture arch = everyKind();
        ArchitectureCounts counts = ArchitectureCounts.of(arch);
        ComputationGraph graph = GraphBuilder.build(arch, 1, 1e-3);
        assertEquals(counts.trainableParams() + counts.stateParams(), graph.numParams());
    }

    @Test
    void forwardPassGivesOneProbabilityRowPerSample() {
        ComputationGraph graph = GraphBuilder.build(everyKind(), 7, 1e-3);
        INDArray out = graph.outputSingle(Nd4j.rand(3, 1, 28, 28));
        assertArrayEquals(new long[] {3, 10}, out.shape());
        assertEquals(3.0, out.sumNumber().doubleValue(), 1e-4);
    }

    @Test
    void groupedConvThatDl4jCannotBuildIsRefusedByName() {
        Architecture arch = new ArchitectureBuilder("grouped", Shape.image(8, 8, 8))
                .add("g", Conv2d.same(8, 3, 1).withGroups(2)).add("gp", GlobalPool.avg()).add("fc", Dense.of(2)).build();
        ArchitectureException e = assertThrows(ArchitectureException.class, () -> GraphBuilder.build(arch, 1, 1e-3));
        assertTrue(e.getMessage().contains("'g'") && e.getMessage().contains("'groups' = 2"), e.getMessage());
    }

    @Test
    void sameSeedGivesSameInitialWeights() {
        assertEquals(GraphBuilder.build(everyKind(), 5, 1e-3).params(), GraphBuilder.build(everyKind(), 5, 1e-3).params());
    }

    @Test
    void hardSwishMatchesItsDefinitionAndGradient() {
        INDArray x = Nd4j.createFromArray(-4f, -3f, -1.5f, 0f, 1f, 2.5f, 3f, 5f);
        INDArray y = new HardSwish().getActivation(x.dup(), false);
        for (int i = 0; i < x.length(); i++) {
            double v = x.getDouble(i);
            assertEquals(v * Math.min(Math.max(v + 3, 0), 6) / 6, y.getDouble(i), 1e-6);
        }
        INDArray grad = new HardSwish().backprop(x.dup(), Nd4j.onesLike(x)).getFirst();
        double h = 1e-3;
        for (double v : new double[] {-4, -1.5, 1, 2.5, 5}) {
            double numeric = (hs(v + h) - hs(v - h)) / (2 * h);
            INDArray g = new HardSwish().backprop(Nd4j.createFromArray((float) v), Nd4j.createFromArray(1f)).getFirst();
            assertEquals(numeric, g.getDouble(0), 1e-3, "d/dx at " + v);
        }
        assertEquals(x.length(), grad.length());
    }

    private static double hs(double v) {
        return v * Math.min(Math.max(v + 3, 0), 6) / 6;
    }
}
