package io.hwnas.dl4j;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The runtime of {@link DepthToSpaceBlocks}: x [N, b·b·C, H, W] viewed as [N, i, j, C, H, W] is laid out as
 * [N, C, H, i, W, j] = y [N, C, bH, bW]; the gradient takes the inverse permutation.
 */
public class DepthToSpaceBlocksVertex extends ParameterFreeVertex {
    private final int b;

    public DepthToSpaceBlocksVertex(ComputationGraph graph, String name, int vertexIndex, int blockSize,
                                    DataType dataType) {
        super(graph, name, vertexIndex, dataType);
        this.b = blockSize;
    }

    @Override
    INDArray forward(LayerWorkspaceMgr workspaces) {
        INDArray x = inputs[0];
        long n = x.size(0);
        long c = x.size(1) / ((long) b * b);
        long h = x.size(2);
        long w = x.size(3);
        INDArray blocks = x.dup('c').reshape('c', n, b, b, c, h, w).permute(0, 3, 4, 1, 5, 2);
        INDArray y = workspaces.createUninitialized(ArrayType.ACTIVATIONS, x.dataType(), new long[] {n, c, h * b, w * b},
                'c');
        y.reshape('c', n, c, h, b, w, b).assign(blocks);
        return y;
    }

    @Override
    INDArray[] backward(LayerWorkspaceMgr workspaces) {
        INDArray x = inputs[0];
        long n = x.size(0);
        long c = x.size(1) / ((long) b * b);
        long h = x.size(2);
        long w = x.size(3);
        INDArray blocks = epsilon.dup('c').reshape('c', n, c, h, b, w, b).permute(0, 3, 5, 1, 2, 4);
        INDArray dx = workspaces.createUninitialized(ArrayType.ACTIVATION_GRAD, x.dataType(), x.shape(), 'c');
        dx.reshape('c', n, b, b, c, h, w).assign(blocks);
        return new INDArray[] {dx};
    }

    @Override
    public String toString() {
        return "DepthToSpaceBlocksVertex(" + vertexName + ", blockSize=" + b + ")";
    }
}
