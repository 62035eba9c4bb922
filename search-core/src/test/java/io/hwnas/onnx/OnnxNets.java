package io.hwnas.onnx;

import io.hwnas.arch.Architecture;
import io.hwnas.arch.BatchNorm;
import io.hwnas.arch.Node;
import io.hwnas.dl4j.GraphBuilder;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Map;

/** DL4J graphs with random weights (running statistics included) and random inputs, for the ONNX tests. */
final class OnnxNets {
    private OnnxNets() {
    }

    /**
     * The graph hwnas builds for {@code arch}'s head, every parameter drawn at random: freshly initialised batch
     * norms (mean 0, variance 1) would leave their running statistics untested.
     */
    static ComputationGraph randomGraph(Architecture arch, long seed) {
        ComputationGraph graph = GraphBuilder.buildForHead(arch, seed, 1e-3);
        Nd4j.getRandom().setSeed(seed);
        for (Layer layer : graph.getLayers()) {
            for (Map.Entry<String, INDArray> p : layer.paramTable().entrySet()) {
                INDArray v = p.getValue();
                switch (p.getKey()) {
                    case "var" -> v.assign(Nd4j.rand(v.dataType(), v.shape()).addi(0.5));
                    case "log10stdev" -> v.assign(Nd4j.rand(v.dataType(), v.shape()).subi(0.5).muli(0.2));
                    default -> v.assign(Nd4j.randn(v.dataType(), v.shape()).muli(0.3));
                }
            }
        }
        return graph;
    }

    /**
     * Sets every batch norm's running mean and variance to those of its input on {@code inputs}, as training would
     * leave them: with the fresh statistics (mean 0, variance 1) a deep net's activations grow layer after layer until
     * its softmax is one-hot, and a comparison of one-hot outputs says little. One pass in training mode, where every
     * batch norm normalises with the batch's statistics, gives each its input as calibrated predecessors make it.
     */
    static ComputationGraph calibrated(Architecture arch, ComputationGraph graph, INDArray inputs) {
        Map<String, INDArray> activations = graph.feedForward(inputs, true);
        for (Node node : arch.nodes()) {
            if (!(node.layer() instanceof BatchNorm)) {
                continue;
            }
            INDArray x = activations.get(node.inputs().get(0));
            if (x == null) {
                throw new IllegalArgumentException("node '" + node.id() + "': no DL4J vertex for its input");
            }
            int[] axes = x.rank() == 4 ? new int[] {0, 2, 3} : new int[] {0};
            INDArray variance = x.var(false, axes);
            Map<String, INDArray> params = graph.getLayer(node.id()).paramTable();
            params.get("mean").assign(x.mean(axes).reshape(params.get("mean").shape()));
            if (params.containsKey("var")) {
                params.get("var").assign(variance.reshape(params.get("var").shape()));
            } else {
                params.get("log10stdev").assign(Transforms.log(Transforms.sqrt(variance), 10)
                        .reshape(params.get("log10stdev").shape()));
            }
        }
        return graph;
    }

    /** Standard normal inputs, NCHW. */
    static INDArray inputs(Architecture arch, int n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(DataType.FLOAT, n, arch.input().channels(), arch.input().height(), arch.input().width());
    }
}
