package io.hwnas.dl4j.onednn;

import io.hwnas.arch.Activation;
import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Add;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureBuilder;
import io.hwnas.arch.BatchNorm;
import io.hwnas.arch.Concat;
import io.hwnas.arch.Conv2d;
import io.hwnas.arch.Dense;
import io.hwnas.arch.DepthwiseConv2d;
import io.hwnas.arch.Flatten;
import io.hwnas.arch.GlobalPool;
import io.hwnas.arch.PRelu;
import io.hwnas.arch.Pool2d;
import io.hwnas.arch.Shape;
import io.hwnas.arch.Size2;
import io.hwnas.arch.zoo.ReferenceNetworks;
import io.hwnas.dl4j.GraphBuilder;
import io.hwnas.dl4j.LayerKernels;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.File;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * hwnas's oneDNN layers against DL4J's own, which stay the reference: the same IR built both ways with the same
 * parameters must give the same activations (training and inference mode), the same gradients of every
 * parameter (including the running-statistics updates of batch norm) and the same input gradients.
 */
class OneDnnLayersTest {

    private static final double TOLERANCE = 2e-4;

    /** Every op and activation the oneDNN layers implement, odd sizes, strides that leave pixels uncovered. */
    private static Architecture everyOp() {
        ArchitectureBuilder b = new ArchitectureBuilder("every-op", Shape.image(3, 15, 13));
        b.add("stem", new Conv2d(8, Size2.of(3), Size2.of(2), Size2.of(1), Size2.of(1), 1, false));
        b.add("stem.bn", BatchNorm.standard());
        b.add("stem.act", new Activation(ActivationType.HARD_SWISH));
        b.add("dw", DepthwiseConv2d.same(5, 1));
        b.add("dw.act", new Activation(ActivationType.SILU));
        b.add("dw2", new DepthwiseConv2d(Size2.of(3), Size2.of(1), Size2.of(2),
                Size2.of(2), 2, true));
        b.add("dw2.act", new Activation(ActivationType.RELU6));
        b.add("dw2.prelu", new PRelu());
        b.add("pw", new Conv2d(8, Size2.of(1), Size2.of(1), Size2.of(0), Size2.of(1), 1, true));
        b.addFrom("res", new Add(), "pw", "stem.act");
        b.add("res.act", new Activation(ActivationType.GELU));
        b.addFrom("cat", new Concat(), "res.act", "dw.act");
        b.add("down", new Conv2d(12, Size2.of(2), Size2.of(3), Size2.of(0),
                Size2.of(1), 1, false));
        b.add("down.act", new Activation(ActivationType.LEAKY_RELU));
        b.add("max", Pool2d.max(2, 2, 0));
        b.add("avg", Pool2d.avg(3, 1, 1));
        b.add("tanh", new Activation(ActivationType.TANH));
        b.add("sig", new Activation(ActivationType.SIGMOID));
        b.add("flat", new Flatten());
        b.add("hidden", new Dense(16, false));
        b.add("hidden.bn", BatchNorm.standard());
        b.add("hidden.act", new PRelu());
        b.add("classifier", Dense.of(5));
        return b.build();
    }

    /** A residual net ending in global pooling, both max and average. */
    private static Architecture residual(boolean maxPool) {
        ArchitectureBuilder b = new ArchitectureBuilder("residual", Shape.image(1, 12, 12));
        b.convBnAct("c1", Conv2d.same(8, 3, 1), ActivationType.RELU);
        b.convBnAct("c2", Conv2d.same(8, 3, 1), ActivationType.RELU);
        b.add("c3", Conv2d.same(8, 3, 1));
        b.add("c3.bn", BatchNorm.standard());
        b.addFrom("sum", new Add(), "c3.bn", "c1.act", "c2.act");
        b.add("gp", maxPool ? new GlobalPool(io.hwnas.arch.PoolKind.MAX) : GlobalPool.avg());
        b.add("fc", Dense.of(4));
        return b.build();
    }

    @Test
    void everyOpMatchesDl4jForwardAndBackward() {
        assertSame(everyOp(), 6);
    }

    @Test
    void residualSumsAndGlobalPoolingMatchDl4j() {
        assertSame(residual(false), 5);
        assertSame(residual(true), 5);
    }

    @Test
    void zooNetworksMatchDl4j() {
        for (String name : new String[] {"resnet18_mini", "mobilenet_v2_mini"}) {
            assertSame(ReferenceNetworks.byName(name).withoutDropout(), 4);
        }
    }

    @Test
    void builtGraphUsesTheOneDnnLayers() {
        ComputationGraph graph = GraphBuilder.build(residual(false), 1, 1e-3);
        assertInstanceOf(OneDnnConvolutionLayer.class, graph.getLayer("c1.conv"));
        assertInstanceOf(OneDnnBatchNormalizationLayer.class, graph.getLayer("c1.bn"));
        assertInstanceOf(OneDnnActivationLayer.class, graph.getLayer("c1.act"));
        assertInstanceOf(OneDnnGlobalPoolingLayer.class, graph.getLayer("gp"));
        assertInstanceOf(OneDnnAddVertex.class, graph.getVertex("sum"));
    }

    @Test
    void configurationAndTrainedModelRoundTrip(@TempDir File dir) throws Exception {
        ComputationGraph graph = GraphBuilder.build(everyOp(), 3, 1e-3);
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 3, 15, 13);
        graph.fit(new org.nd4j.linalg.dataset.DataSet(x, oneHot(4, 5)));
        ComputationGraphConfiguration parsed = ComputationGraphConfiguration.fromJson(graph.getConfiguration().toJson());
        assertEquals(graph.getConfiguration(), parsed);
        File file = new File(dir, "model.zip");
        ModelSerializer.writeModel(graph, file, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(file, true);
        assertInstanceOf(OneDnnConvolutionLayer.class, restored.getLayer("stem"));
        assertEquals(graph.outputSingle(false, x), restored.outputSingle(false, x));
        restored.fit(new org.nd4j.linalg.dataset.DataSet(x, oneHot(4, 5)));
    }

    @Test
    void sameSeedTrainsToTheSameParameters() {
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, 1, 12, 12);
        INDArray[] params = new INDArray[2];
        for (int run = 0; run < 2; run++) {
            ComputationGraph graph = GraphBuilder.build(residual(false), 9, 1e-2);
            for (int step = 0; step < 3; step++) {
                graph.fit(new org.nd4j.linalg.dataset.DataSet(x, oneHot(8, 4)));
            }
            params[run] = graph.params().dup();
        }
        assertEquals(params[0], params[1]);
    }

    /** Builds both ways with the same parameters and compares activations, parameter gradients and input gradients. */
    private static void assertSame(Architecture arch, int batch) {
        ComputationGraph reference = GraphBuilder.build(arch, 7, 1e-3, LayerKernels.DL4J);
        ComputationGraph onednn = GraphBuilder.build(arch, 7, 1e-3, LayerKernels.ONEDNN);
        assertEquals(reference.numParams(), onednn.numParams(), arch.name() + ": parameter count");
        onednn.setParams(reference.params().dup());
        long[] inputShape = {batch, arch.input().channels(), arch.input().height(), arch.input().width()};
        INDArray x = Nd4j.rand(DataType.FLOAT, inputShape).subi(0.5).muli(4);
        // in inference mode DL4J's activation layers overwrite their input, so only the output is comparable there
        assertClose(reference.outputSingle(false, x), onednn.outputSingle(false, x), arch.name() + " inference output");
        Map<String, INDArray> expectedActivations = reference.feedForward(x, true);
        Map<String, INDArray> actualActivations = onednn.feedForward(x, true);
        for (String node : expectedActivations.keySet()) {
            assertClose(expectedActivations.get(node), actualActivations.get(node), arch.name() + " node '" + node + "'");
        }
        INDArray labels = oneHot(batch, (int) reference.getLayer(arch.output().id()).getParam("b").length());
        for (ComputationGraph g : new ComputationGraph[] {reference, onednn}) {
            g.setInputs(x);
            g.setLabels(labels);
            g.computeGradientAndScore();
        }
        assertEquals(reference.score(), onednn.score(), 1e-4 * Math.abs(reference.score()), arch.name() + ": loss");
        Map<String, INDArray> expected = reference.gradient().gradientForVariable();
        Map<String, INDArray> actual = onednn.gradient().gradientForVariable();
        assertEquals(expected.keySet(), actual.keySet());
        for (String param : expected.keySet()) {
            assertClose(expected.get(param), actual.get(param), arch.name() + " gradient of " + param);
        }
        assertTrue(Stream.of(expected.values().toArray(INDArray[]::new)).anyMatch(g -> g.amaxNumber().doubleValue() > 0));
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        assertEquals(java.util.Arrays.toString(expected.shape()), java.util.Arrays.toString(actual.shape()), what);
        // near-zero gradients (a conv bias before batch norm has none) are compared on an absolute scale
        double scale = Math.max(0.1, expected.amaxNumber().doubleValue());
        double error = expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(error <= TOLERANCE * scale, what + ": max difference " + error + " at scale " + scale);
    }

    private static INDArray oneHot(int rows, int classes) {
        INDArray y = Nd4j.zeros(DataType.FLOAT, rows, classes);
        for (int i = 0; i < rows; i++) {
            y.putScalar(i, i % classes, 1);
        }
        return y;
    }
}
