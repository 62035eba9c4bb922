package io.hwnas.dl4j;

import io.hwnas.arch.Activation;
import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureBuilder;
import io.hwnas.arch.Conv2d;
import io.hwnas.arch.Dense;
import io.hwnas.arch.DepthToSpace;
import io.hwnas.arch.Flatten;
import io.hwnas.arch.GlobalPool;
import io.hwnas.arch.Multiply;
import io.hwnas.arch.PRelu;
import io.hwnas.arch.Pool2d;
import io.hwnas.arch.Upsample;
import io.hwnas.arch.Shape;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DL4J's own finite-difference gradient check, in double precision, on a tiny graph around each op that needed
 * hwnas's own code (a custom activation, a SameDiff vertex or layer) or a DL4J layer hwnas had not used before.
 */
class OpGradientCheckTest {
    private static DataType defaultType;
    private static DataType defaultFloatType;

    @BeforeAll
    static void doublePrecision() {
        defaultType = Nd4j.dataType();
        defaultFloatType = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @AfterAll
    static void restorePrecision() {
        Nd4j.setDefaultDataTypes(defaultType, defaultFloatType);
    }

    @Test
    void hardSigmoid() {
        ArchitectureBuilder b = new ArchitectureBuilder("hard-sigmoid", Shape.image(2, 4, 4));
        b.add("conv", Conv2d.same(3, 3, 1));
        b.add("gate", new Activation(ActivationType.HARD_SIGMOID));
        assertGradientsMatch(classify(b));
    }

    @Test
    void preluPerChannel() {
        ArchitectureBuilder b = new ArchitectureBuilder("prelu", Shape.image(2, 4, 4));
        b.add("conv", Conv2d.same(3, 3, 1));
        b.add("prelu", new PRelu());
        b.add("flat", new Flatten());
        b.add("hidden", Dense.of(4));
        b.add("hidden.prelu", new PRelu());
        b.add("classifier", Dense.of(3));
        assertGradientsMatch(b.build());
    }

    /** libnd4j's prelu_bp refuses more than 64 values per slope (here 2·8·8 = 128); hwnas's own backward does not. */
    @Test
    void preluWithManyValuesPerSlope() {
        ArchitectureBuilder b = new ArchitectureBuilder("prelu-large", Shape.image(1, 8, 8));
        b.add("conv", Conv2d.same(2, 3, 1));
        b.add("prelu", new PRelu());
        assertGradientsMatch(classify(b));
    }

    @Test
    void squeezeExciteMultiplyWithAFlatGate() {
        ArchitectureBuilder b = new ArchitectureBuilder("se-flat", Shape.image(2, 4, 4));
        b.add("conv", Conv2d.same(4, 3, 1));
        b.add("se.pool", GlobalPool.avg());
        b.add("se.reduce", Dense.of(2));
        b.add("se.act", new Activation(ActivationType.RELU));
        b.add("se.expand", Dense.of(4));
        b.add("se.gate", new Activation(ActivationType.HARD_SIGMOID));
        b.addFrom("se.scale", new Multiply(), "conv", "se.gate");
        assertGradientsMatch(classify(b));
    }

    @Test
    void multiplyWithASpatialGateAndWithAnEqualShape() {
        ArchitectureBuilder b = new ArchitectureBuilder("se-spatial", Shape.image(2, 4, 4));
        b.add("conv", Conv2d.same(3, 3, 1));
        b.add("pool", Pool2d.avg(4, 4, 0));
        b.add("gate", new Activation(ActivationType.SIGMOID));
        b.addFrom("scale", new Multiply(), "conv", "gate");
        b.addFrom("other", Conv2d.same(3, 1, 1), "conv");
        b.addFrom("product", new Multiply(), "scale", "other");
        assertGradientsMatch(classify(b));
    }

    @Test
    void depthToSpace() {
        ArchitectureBuilder b = new ArchitectureBuilder("depth-to-space", Shape.image(2, 3, 3));
        b.add("conv", Conv2d.same(8, 3, 1));
        b.add("shuffle", new DepthToSpace(2));
        assertGradientsMatch(classify(b));
    }

    @Test
    void nearestUpsample() {
        ArchitectureBuilder b = new ArchitectureBuilder("upsample", Shape.image(2, 3, 3));
        b.add("conv", Conv2d.same(2, 3, 1));
        b.add("up", Upsample.nearest(2));
        b.add("smooth", Conv2d.same(2, 3, 1));
        assertGradientsMatch(classify(b));
    }

    static Architecture classify(ArchitectureBuilder b) {
        b.add("flat", new Flatten());
        b.add("classifier", Dense.of(3));
        return b.build();
    }

    /** Builds the net with DL4J's own layers, switches it to double precision and plain gradients, and checks it. */
    static void assertGradientsMatch(Architecture arch) {
        ComputationGraphConfiguration conf = GraphBuilder.configure(arch, 7, 1.0, LayerKernels.DL4J);
        conf.setDataType(DataType.DOUBLE);
        for (var vertex : conf.getVertices().values()) {
            if (vertex instanceof LayerVertex lv && lv.getLayerConf().getLayer() instanceof BaseLayer layer) {
                layer.setIUpdater(new NoOp());
            }
        }
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        Shape in = arch.input();
        Random random = new Random(11);
        int batch = 2;
        double[] values = new double[Math.toIntExact(batch * in.elements())];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextDouble() * 8 - 4;
        }
        INDArray x = Nd4j.create(values, new long[] {batch, in.channels(), in.height(), in.width()}, 'c');
        int classes = arch.shape(arch.output().id()).channels();
        INDArray y = Nd4j.zeros(DataType.DOUBLE, batch, classes);
        for (int i = 0; i < batch; i++) {
            y.putScalar(i, random.nextInt(classes), 1.0);
        }
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(graph)
                .inputs(new INDArray[] {x}).labels(new INDArray[] {y})
                .epsilon(1e-6).maxRelError(1e-3).minAbsoluteError(1e-8)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY).exitOnFirstError(false));
        assertTrue(ok, arch.name() + ": analytic and numeric gradients differ (see the log)");
    }
}
