package io.hwnas.dl4j;

import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The IR's {@code multiply} ({@link BroadcastMultiplyVertex} computes it): input 0 times input 1, where input 1
 * has input 0's shape or is a per-channel gate ([N, C] or [N, C, 1, 1]) broadcast over height and width. DL4J
 * 1.0.0-M2's {@code ElementWiseVertex} multiplies equal shapes only. Written out rather than as a SameDiff
 * vertex: DL4J 1.0.0-M2's SameDiff vertices and layers fail its own gradient check here (every gradient behind
 * them comes out doubled).
 */
public class BroadcastMultiply extends GraphVertex {
    private static final long serialVersionUID = 1L;

    @Override
    public BroadcastMultiply clone() {
        return new BroadcastMultiply();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BroadcastMultiply;
    }

    @Override
    public int hashCode() {
        return BroadcastMultiply.class.hashCode();
    }

    @Override
    public long numParams(boolean backprop) {
        return 0;
    }

    @Override
    public int minVertexInputs() {
        return 2;
    }

    @Override
    public int maxVertexInputs() {
        return 2;
    }

    @Override
    public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name, int idx,
            INDArray paramsView, boolean initializeParams, DataType networkDatatype) {
        return new BroadcastMultiplyVertex(graph, name, idx, networkDatatype);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) {
        return vertexInputs[0];
    }

    @Override
    public MemoryReport getMemoryReport(InputType... vertexInputs) {
        return new LayerMemoryReport.Builder(null, BroadcastMultiply.class, vertexInputs[0], vertexInputs[0])
                .standardMemory(0, 0).workingMemory(0, 0, 0, 0).cacheMemory(0, 0).build();
    }
}
