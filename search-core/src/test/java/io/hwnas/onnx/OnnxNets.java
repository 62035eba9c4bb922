package io.hwnas.onnx;

import io.hwnas.arch.Architecture;
import io.hwnas.dl4j.GraphBuilder;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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

    /** Standard normal inputs, NCHW. */
    static INDArray inputs(Architecture arch, int n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(DataType.FLOAT, n, arch.input().channels(), arch.input().height(), arch.input().width());
    }
}
