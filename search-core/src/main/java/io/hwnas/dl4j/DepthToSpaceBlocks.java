package io.hwnas.dl4j;

import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The IR's {@code depth_to_space} in TensorFlow's channel order ({@link DepthToSpaceBlocksVertex} computes it) on
 * NCHW activations. DL4J 1.0.0-M2 has no layer for it, and its SameDiff layers fail its own gradient check
 * (see {@link BroadcastMultiply}), so the permutation and its inverse are written out.
 */
public class DepthToSpaceBlocks extends GraphVertex {
    private static final long serialVersionUID = 1L;

    private int blockSize;

    /** For DL4J's JSON. */
    public DepthToSpaceBlocks() {
    }

    public DepthToSpaceBlocks(int blockSize) {
        this.blockSize = blockSize;
    }

    public int getBlockSize() {
        return blockSize;
    }

    public void setBlockSize(int blockSize) {
        this.blockSize = blockSize;
    }

    @Override
    public DepthToSpaceBlocks clone() {
        return new DepthToSpaceBlocks(blockSize);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DepthToSpaceBlocks other && other.blockSize == blockSize;
    }

    @Override
    public int hashCode() {
        return 31 * DepthToSpaceBlocks.class.hashCode() + blockSize;
    }

    @Override
    public long numParams(boolean backprop) {
        return 0;
    }

    @Override
    public int minVertexInputs() {
        return 1;
    }

    @Override
    public int maxVertexInputs() {
        return 1;
    }

    @Override
    public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name, int idx,
            INDArray paramsView, boolean initializeParams, DataType networkDatatype) {
        return new DepthToSpaceBlocksVertex(graph, name, idx, blockSize, networkDatatype);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) {
        InputType.InputTypeConvolutional in = (InputType.InputTypeConvolutional) vertexInputs[0];
        return InputType.convolutional(in.getHeight() * blockSize, in.getWidth() * blockSize,
                in.getChannels() / ((long) blockSize * blockSize));
    }

    @Override
    public MemoryReport getMemoryReport(InputType... vertexInputs) {
        return new LayerMemoryReport.Builder(null, DepthToSpaceBlocks.class, vertexInputs[0],
                getOutputType(-1, vertexInputs)).standardMemory(0, 0).workingMemory(0, 0, 0, 0).cacheMemory(0, 0)
                .build();
    }
}
