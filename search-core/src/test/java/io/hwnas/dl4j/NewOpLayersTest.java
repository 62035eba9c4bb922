package io.hwnas.dl4j;

import io.hwnas.arch.Activation;
import io.hwnas.arch.Add;
import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureBuilder;
import io.hwnas.arch.ArchitectureCounts;
import io.hwnas.arch.Conv2d;
import io.hwnas.arch.Dense;
import io.hwnas.arch.DepthToSpace;
import io.hwnas.arch.GlobalPool;
import io.hwnas.arch.Multiply;
import io.hwnas.arch.Node;
import io.hwnas.arch.PRelu;
import io.hwnas.arch.Shape;
import io.hwnas.arch.Upsample;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the DL4J graphs of the new ops compute, value by value, against the IR's definitions. */
class NewOpLayersTest {

    private static Map<String, INDArray> run(Architecture arch, INDArray x, LayerKernels kernels) {
        ComputationGraph g = GraphBuilder.build(arch, 3, 1e-3, kernels);
        return g.feedForward(x, false);
    }

    private static INDArray input(Shape s, int batch) {
        return Nd4j.rand(DataType.FLOAT, batch, s.channels(), s.height(), s.width()).subi(0.5f).muli(8);
    }

    private static ArchitectureBuilder head(ArchitectureBuilder b) {
        b.add("head.pool", GlobalPool.avg());
        b.add("head.fc", Dense.of(2));
        return b;
    }

    @ParameterizedTest
    @EnumSource(LayerKernels.class)
    void depthToSpaceUsesTensorFlowsChannelOrder(LayerKernels kernels) {
        Shape in = Shape.image(12, 2, 3);
        Architecture a = head(new ArchitectureBuilder("d2s", in).add("d2s", new DepthToSpace(2))).build();
        INDArray x = input(in, 2);
        INDArray y = run(a, x, kernels).get("d2s");
        assertArrayEquals(new long[] {2, 3, 4, 6}, y.shape());
        int b = 2;
        int c = 3;
        for (int n = 0; n < 2; n++) {
            for (int ch = 0; ch < c; ch++) {
                for (int h = 0; h < 2; h++) {
                    for (int w = 0; w < 3; w++) {
                        for (int i = 0; i < b; i++) {
                            for (int j = 0; j < b; j++) {
                                assertEquals(x.getFloat(n, (i * b + j) * c + ch, h, w),
                                        y.getFloat(n, ch, h * b + i, w * b + j), 0f);
                            }
                        }
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(LayerKernels.class)
    void nearestUpsampleRepeatsEachPixel(LayerKernels kernels) {
        Shape in = Shape.image(2, 3, 2);
        Architecture a = head(new ArchitectureBuilder("up", in).add("up", Upsample.nearest(3))).build();
        INDArray x = input(in, 1);
        INDArray y = run(a, x, kernels).get("up");
        for (int c = 0; c < 2; c++) {
            for (int h = 0; h < 9; h++) {
                for (int w = 0; w < 6; w++) {
                    assertEquals(x.getFloat(0, c, h / 3, w / 3), y.getFloat(0, c, h, w), 0f);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(LayerKernels.class)
    void multiplyBroadcastsAFlatGateOverEachChannel(LayerKernels kernels) {
        Shape in = Shape.image(3, 2, 2);
        Architecture a = head(new ArchitectureBuilder("se", in)
                .add("gp", GlobalPool.avg())
                .add("gate", new Activation(ActivationType.SIGMOID))
                .addFrom("se", new Multiply(), Node.INPUT, "gate")
                .addFrom("sq", new Multiply(), "se", "se")).build();
        INDArray x = input(in, 2);
        Map<String, INDArray> out = run(a, x, kernels);
        INDArray gate = out.get("gate");
        for (int n = 0; n < 2; n++) {
            for (int c = 0; c < 3; c++) {
                for (int h = 0; h < 2; h++) {
                    for (int w = 0; w < 2; w++) {
                        float expected = x.getFloat(n, c, h, w) * gate.getFloat(n, c);
                        assertEquals(expected, out.get("se").getFloat(n, c, h, w), 1e-6f);
                        assertEquals(expected * expected, out.get("sq").getFloat(n, c, h, w), 1e-5f);
                    }
                }
            }
        }
    }

    @Test
    void preluHasOneSlopePerChannelStartingAtAQuarter() {
        Shape in = Shape.image(3, 4, 4);
        Architecture a = new ArchitectureBuilder("prelu", in).add("conv", Conv2d.same(5, 3, 1))
                .add("prelu", new PRelu()).add("gp", GlobalPool.avg()).add("fc", Dense.of(4))
                .add("fc.prelu", new PRelu()).add("out", Dense.of(2)).build();
        ComputationGraph g = GraphBuilder.build(a, 3, 1e-3);
        assertEquals(ArchitectureCounts.of(a).totalParams(), g.numParams());
        assertEquals(5, g.getLayer("prelu").getParam("W").length());
        assertEquals(4, g.getLayer("fc.prelu").getParam("W").length());
        INDArray x = input(in, 1);
        INDArray pre = g.feedForward(x, true).get("conv");
        INDArray post = g.feedForward(x, false).get("prelu");
        for (int i = 0; i < pre.length(); i++) {
            double v = pre.getDouble(i);
            assertEquals(v >= 0 ? v : PRelu.INITIAL_SLOPE * v, post.getDouble(i), 1e-6);
        }
    }

    /** DL4J's PReLU layer works in place at inference: a tensor read by a PReLU and by another node must survive. */
    @ParameterizedTest
    @EnumSource(LayerKernels.class)
    void aTensorAlsoReadElsewhereSurvivesItsPRelu(LayerKernels kernels) {
        Shape in = Shape.image(2, 3, 3);
        Architecture a = head(new ArchitectureBuilder("branch", in).add("conv", Conv2d.same(2, 1, 1))
                .add("prelu", new PRelu()).addFrom("sum", new Add(), "conv", "prelu")).build();
        ComputationGraph g = GraphBuilder.build(a, 3, 1e-3, kernels);
        INDArray x = input(in, 2);
        INDArray pre = g.feedForward(x, true).get("conv").dup();
        INDArray sum = g.feedForward(x, false).get("sum");
        for (int i = 0; i < pre.length(); i++) {
            double v = pre.getDouble(i);
            assertEquals(v + (v >= 0 ? v : PRelu.INITIAL_SLOPE * v), sum.getDouble(i), 1e-5);
        }
    }

    @Test
    void hardSigmoidIsRelu6OfXPlusThreeOverSix() {
        INDArray x = Nd4j.createFromArray(-4f, -3f, -1.5f, 0f, 1f, 2.5f, 3f, 5f);
        INDArray y = new HardSigmoid().getActivation(x.dup(), false);
        INDArray grad = new HardSigmoid().backprop(x.dup(), Nd4j.onesLike(x)).getFirst();
        for (int i = 0; i < x.length(); i++) {
            double v = x.getDouble(i);
            assertEquals(Math.min(Math.max(v + 3, 0), 6) / 6, y.getDouble(i), 1e-6);
            assertEquals(v > -3 && v < 3 ? 1.0 / 6 : 0, grad.getDouble(i), 1e-6, "d/dx at " + v);
        }
    }
}
