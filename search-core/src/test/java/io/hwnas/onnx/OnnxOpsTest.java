package io.hwnas.onnx;

import io.hwnas.arch.Activation;
import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Add;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureBuilder;
import io.hwnas.arch.BatchNorm;
import io.hwnas.arch.CollapsedLinearBlock;
import io.hwnas.arch.Concat;
import io.hwnas.arch.Conv2d;
import io.hwnas.arch.Dense;
import io.hwnas.arch.DepthToSpace;
import io.hwnas.arch.DepthwiseConv2d;
import io.hwnas.arch.Dropout;
import io.hwnas.arch.Flatten;
import io.hwnas.arch.GlobalPool;
import io.hwnas.arch.Layer;
import io.hwnas.arch.LayerNorm;
import io.hwnas.arch.Multiply;
import io.hwnas.arch.Node;
import io.hwnas.arch.PRelu;
import io.hwnas.arch.Pool2d;
import io.hwnas.arch.PoolKind;
import io.hwnas.arch.Shape;
import io.hwnas.arch.Size2;
import io.hwnas.arch.Upsample;
import io.hwnas.transform.ConvParams;
import io.hwnas.transform.Dl4jParameters;
import io.hwnas.transform.ExactnessOracle;
import io.hwnas.transform.Parameters;
import io.hwnas.transform.Tensor;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import onnx.Onnx;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each IR op as a small net with random weights, exported to ONNX and run in ONNX Runtime: its outputs must be
 * DL4J's to {@link ExactnessOracle#FP32_TOLERANCE}. {@link #everyIrOpHasANet} keeps the list complete.
 */
class OnnxOpsTest {
    private static final Shape IMAGE = Shape.image(3, 9, 9);

    /** One net per op (some ops twice, for their variants), by a name that says what it covers. */
    static Map<String, Architecture> nets() {
        Map<String, Architecture> nets = new LinkedHashMap<>();
        nets.put("conv2d", net(b -> b.add("c1", new Conv2d(4, Size2.of(3), Size2.of(2), Size2.of(1), Size2.of(1), 1,
                true)).add("c2", new Conv2d(5, new Size2(3, 1), Size2.of(1), new Size2(2, 0), Size2.of(2), 1, false))));
        nets.put("conv2d_groups_equal_input", net(b -> b.add("c", new Conv2d(6, Size2.of(3), Size2.of(1), Size2.of(1),
                Size2.of(1), 3, true))));
        nets.put("depthwise_conv2d", net(b -> b.add("d", new DepthwiseConv2d(Size2.of(3), Size2.of(2), Size2.of(1),
                Size2.of(1), 2, true)).add("d2", DepthwiseConv2d.same(5, 1))));
        nets.put("collapsed_linear_block", net(b -> b.add("c", Conv2d.same(4, 3, 1))
                .add("r", new CollapsedLinearBlock(4, 3, 8, true)).add("p", new CollapsedLinearBlock(2, 5, 6, false))));
        nets.put("dense_classifier_on_feature_map", net(b -> b.add("c", Conv2d.same(2, 3, 2)).add("fc", Dense.of(5))));
        nets.put("dense_flat_without_bias", net(b -> b.add("g", GlobalPool.avg()).add("h", new Dense(7, false))
                .add("fc", Dense.of(4))));
        nets.put("batch_norm", net(b -> b.add("c", Conv2d.same(4, 3, 1)).add("bn", BatchNorm.standard())
                .add("g", GlobalPool.avg()).add("bn_flat", new BatchNorm(1e-3, 0.9)).add("fc", Dense.of(3))));
        nets.put("layer_norm", net(b -> b.add("c", Conv2d.same(4, 3, 1)).add("ln", LayerNorm.standard())));
        nets.put("pool2d_max", net(b -> b.add("p", Pool2d.max(3, 2, 1))));
        nets.put("pool2d_avg_padding_counted", net(b -> b.add("p", Pool2d.avg(3, 2, 1))
                .add("q", new Pool2d(PoolKind.AVG, new Size2(2, 3), Size2.of(1), new Size2(1, 0)))));
        nets.put("global_pool", net(b -> b.add("c", Conv2d.same(4, 3, 1)).add("gmax", new GlobalPool(PoolKind.MAX))
                .addFrom("gavg", GlobalPool.avg(), "c").addFrom("cat", new Concat(), "gmax", "gavg")
                .add("fc", Dense.of(3))));
        nets.put("add", net(b -> b.add("a", Conv2d.same(4, 3, 1)).add("b", Conv2d.same(4, 1, 1))
                .add("c", Conv2d.same(4, 3, 1)).addFrom("sum", new Add(), "a", "b", "c")));
        nets.put("concat", net(b -> b.add("a", Conv2d.same(2, 3, 1)).addFrom("cat", new Concat(), "input", "a")));
        nets.put("multiply_squeeze_excite", net(b -> b.add("c", Conv2d.same(4, 3, 1)).add("g", GlobalPool.avg())
                .add("squeeze", Dense.of(2)).add("relu", new Activation(ActivationType.RELU)).add("excite", Dense.of(4))
                .add("gate", new Activation(ActivationType.HARD_SIGMOID)).addFrom("scaled", new Multiply(), "c", "gate")));
        nets.put("multiply_same_shape", net(b -> b.add("a", Conv2d.same(3, 3, 1))
                .addFrom("m", new Multiply(), "input", "a")));
        nets.put("flatten", net(b -> b.add("c", Conv2d.same(2, 3, 2)).add("f", new Flatten()).add("f2", new Flatten())
                .add("fc", Dense.of(3))));
        nets.put("dropout", net(b -> b.add("c", Conv2d.same(4, 3, 1)).add("drop", new Dropout(0.3))
                .add("c2", Conv2d.same(2, 1, 1))));
        nets.put("prelu", net(b -> b.add("c", Conv2d.same(4, 3, 1)).add("pr", new PRelu()).add("g", GlobalPool.avg())
                .add("pr_flat", new PRelu()).add("fc", Dense.of(3))));
        nets.put("depth_to_space", net(b -> b.add("c", Conv2d.same(8, 3, 1)).add("d2s", new DepthToSpace(2))));
        nets.put("upsample", net(b -> b.add("c", Conv2d.same(2, 3, 1)).add("up", Upsample.nearest(3))));
        for (ActivationType f : ActivationType.values()) {
            nets.put("activation_" + f.id(), net(b -> b.add("c", Conv2d.same(4, 3, 1)).add("act", new Activation(f))));
        }
        return nets;
    }

    private interface Body {
        ArchitectureBuilder build(ArchitectureBuilder b);
    }

    private static Architecture net(Body body) {
        return body.build(new ArchitectureBuilder("onnx-op", IMAGE)).build();
    }

    static List<String> netNames() {
        return List.copyOf(nets().keySet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("netNames")
    void matchesDl4jInOnnxRuntime(String name) {
        Architecture arch = nets().get(name);
        ComputationGraph graph = OnnxNets.randomGraph(arch, 7);
        OnnxModel model = OnnxExport.of(arch, graph);
        OnnxRuntimeCheck.Result r = OnnxRuntimeCheck.check(model, graph, OnnxNets.inputs(arch, 5, 11), name);
        assertEquals(5, r.inputs());
        assertTrue(r.maxAbsDiff() <= ExactnessOracle.FP32_TOLERANCE, name + ": " + r);
        assertTrue(r.runtime().startsWith("onnxruntime 1."), r.runtime());
    }

    @Test
    void everyIrOpHasANet() {
        Set<String> covered = nets().values().stream().flatMap(a -> a.nodes().stream()).map(Node::op)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> all = Arrays.stream(Layer.class.getPermittedSubclasses()).map(OnnxOpsTest::opName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(all, covered);
    }

    /** The op's JSON name, as {@link Node#op()} gives it. */
    private static String opName(Class<?> layer) {
        return Arrays.stream(Layer.class.getAnnotation(JsonSubTypes.class).value()).filter(t -> t.value() == layer)
                .findFirst().orElseThrow().name();
    }

    @Test
    void oneCorruptedWeightFailsTheCheckLoudly() {
        Architecture arch = nets().get("conv2d");
        ComputationGraph graph = OnnxNets.randomGraph(arch, 7);
        Parameters params = Dl4jParameters.read(arch, graph);
        ConvParams conv = params.conv("c2");
        double[] w = conv.weight().toArray();
        w[0] += 0.01;
        Parameters corrupted = params.with("c2", new ConvParams(Tensor.of(w, conv.weight().shape()), conv.bias()));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> OnnxRuntimeCheck.check(
                OnnxExport.of(arch, corrupted), graph, OnnxNets.inputs(arch, 4, 11), "candidate 3"));
        assertTrue(e.getMessage().startsWith("candidate 3: the ONNX model's output 'output' differs from DL4J's by up to ")
                && e.getMessage().contains("; allowed: "), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void declaresOpset13AndSymbolicSizesOnlyWhereTheNetAllows() throws Exception {
        Architecture conv = nets().get("upsample");
        Onnx.ModelProto fullyConvolutional = Onnx.ModelProto.parseFrom(
                OnnxExport.of(conv, OnnxNets.randomGraph(conv, 1)).bytes());
        assertEquals(OnnxExport.IR_VERSION, fullyConvolutional.getIrVersion());
        assertEquals(1, fullyConvolutional.getOpsetImportCount());
        assertEquals(OnnxExport.OPSET, fullyConvolutional.getOpsetImport(0).getVersion());
        assertEquals(List.of("batch", "", "height", "width"), dims(fullyConvolutional.getGraph().getInput(0)));
        Architecture classifier = nets().get("flatten");
        Onnx.ModelProto fixed = Onnx.ModelProto.parseFrom(
                OnnxExport.of(classifier, OnnxNets.randomGraph(classifier, 1)).bytes());
        assertEquals(List.of("batch", "", "", ""), dims(fixed.getGraph().getInput(0)));
        assertEquals(List.of(3L, 9L, 9L), fixed.getGraph().getInput(0).getType().getTensorType().getShape()
                .getDimList().stream().skip(1).map(Onnx.TensorShapeProto.Dimension::getDimValue).toList());
        assertEquals("Softmax", fixed.getGraph().getNode(fixed.getGraph().getNodeCount() - 1).getOpType());
    }

    private static List<String> dims(Onnx.ValueInfoProto v) {
        return v.getType().getTensorType().getShape().getDimList().stream()
                .map(Onnx.TensorShapeProto.Dimension::getDimParam).toList();
    }

    @Test
    void aNodeNamedOutputDoesNotTakeTheGraphOutputsName() {
        Architecture arch = new Architecture("named", IMAGE, List.of(Node.of("output", Conv2d.same(2, 3, 1), "input"),
                Node.of("last", new Activation(ActivationType.RELU), "output")));
        ComputationGraph graph = OnnxNets.randomGraph(arch, 3);
        OnnxModel model = OnnxExport.of(arch, graph);
        assertEquals(List.of("output"), model.outputs());
        assertEquals(List.of("last"), model.sinks());
        assertTrue(OnnxRuntimeCheck.check(model, graph, OnnxNets.inputs(arch, 2, 1), "named").maxAbsDiff()
                <= ExactnessOracle.FP32_TOLERANCE);
    }
}
