package io.hwnas.onnx;

import io.hwnas.arch.Architecture;
import io.hwnas.arch.Dense;
import io.hwnas.arch.Node;
import io.hwnas.arch.Shape;
import io.hwnas.transform.Dl4jParameters;
import io.hwnas.transform.Parameters;
import onnx.Onnx;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An IR net with its DL4J weights as an fp32 ONNX model (opset {@value #OPSET}, NCHW), op by op as {@link OnnxOps}
 * maps them. The model computes what the net's DL4J graph outputs in inference mode: input {@value #INPUT}
 * [batch, C, H, W]; one output per node no other node reads (a super-resolved image, a detector's prediction maps; a
 * last dense node's softmax, as {@code GraphBuilder}'s classifier head applies it), named {@value #OUTPUT} when there
 * is one, else {@code <node id>.output}. The batch dimension
 * is symbolic, and so are height and width for a fully convolutional net (no flat tensor anywhere), which DL4J runs
 * on inputs of any size as well.
 */
public final class OnnxExport {
    /** Opset 13: the oldest with every op needed, and what converters to TFLite and other runtimes read best. */
    public static final int OPSET = 13;
    /** The IR version of opset 13 (ONNX 1.8). */
    public static final long IR_VERSION = 7;
    public static final String INPUT = "input";
    public static final String OUTPUT = "output";
    static final String PRODUCER = "hwnas";

    private OnnxExport() {
    }

    /** The net {@code arch} with the weights of {@code graph}, the DL4J graph hwnas built for it. */
    public static OnnxModel of(Architecture arch, ComputationGraph graph) {
        return of(arch, Dl4jParameters.read(arch, graph));
    }

    /** The net {@code arch} with {@code params} (one entry per node that has weights). */
    public static OnnxModel of(Architecture arch, Parameters params) {
        Onnx.GraphProto.Builder graph = Onnx.GraphProto.newBuilder().setName(arch.name());
        OnnxGraphWriter w = new OnnxGraphWriter(graph);
        OnnxOps ops = new OnnxOps(w, arch, params);
        boolean fullyConvolutional = arch.nodes().stream().allMatch(n -> arch.shape(n.id()).spatial());
        Shape in = arch.input();
        graph.addInput(valueInfo(w.reserve(INPUT), new Object[] {"batch", in.channels(),
                fullyConvolutional ? "height" : in.height(), fullyConvolutional ? "width" : in.width()}));

        // graph input and output names first, so no node id (which may be "output") can take them
        List<Node> sinks = sinks(arch);
        List<String> outputs = sinks.stream().map(n -> w.reserve(sinks.size() == 1 ? OUTPUT : n.id() + ".output"))
                .toList();
        Map<String, String> tensorOf = new HashMap<>();
        tensorOf.put(Node.INPUT, INPUT);
        arch.nodes().forEach(n -> tensorOf.put(n.id(), w.fresh(n.id())));
        for (Node node : arch.nodes()) {
            ops.add(node, node.inputs().stream().map(tensorOf::get).toList(), tensorOf.get(node.id()));
        }
        for (int i = 0; i < sinks.size(); i++) {
            Node sink = sinks.get(i);
            String name = outputs.get(i);
            if (sink == arch.output() && sink.layer() instanceof Dense) {
                ops.softmax(tensorOf.get(sink.id()), name);
            } else {
                w.node("Identity", List.of(tensorOf.get(sink.id())), name);
            }
            Shape s = arch.shape(sink.id());
            graph.addOutput(valueInfo(name, fullyConvolutional ? new Object[] {"batch", s.channels(), "out_height",
                    "out_width"} : s.spatial() ? new Object[] {"batch", s.channels(), s.height(), s.width()}
                    : new Object[] {"batch", s.channels()}));
        }
        Onnx.ModelProto model = Onnx.ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .setProducerName(PRODUCER)
                .setDomain("io.hwnas")
                .setDocString("hwnas net " + arch.name() + " (fingerprint " + arch.fingerprint() + ")")
                .addOpsetImport(Onnx.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(graph)
                .build();
        return new OnnxModel(model.toByteArray(), INPUT, outputs, sinks.stream().map(Node::id).toList(),
                arch.nodes().stream().map(n -> tensorOf.get(n.id())).toList());
    }

    /** The nodes no other node reads, in node order: the net's outputs. */
    static List<Node> sinks(Architecture arch) {
        Set<String> read = new HashSet<>();
        arch.nodes().forEach(n -> read.addAll(n.inputs()));
        return arch.nodes().stream().filter(n -> !read.contains(n.id())).toList();
    }

    /** A float tensor's value info; each dimension an Integer (fixed) or a String (symbolic). */
    private static Onnx.ValueInfoProto valueInfo(String name, Object[] dims) {
        Onnx.TensorShapeProto.Builder shape = Onnx.TensorShapeProto.newBuilder();
        for (Object d : dims) {
            Onnx.TensorShapeProto.Dimension.Builder dim = Onnx.TensorShapeProto.Dimension.newBuilder();
            if (d instanceof Integer i) {
                dim.setDimValue(i);
            } else {
                dim.setDimParam((String) d);
            }
            shape.addDim(dim);
        }
        return Onnx.ValueInfoProto.newBuilder().setName(name).setType(Onnx.TypeProto.newBuilder().setTensorType(
                Onnx.TypeProto.Tensor.newBuilder().setElemType(Onnx.TensorProto.DataType.FLOAT).setShape(shape)))
                .build();
    }
}
