package io.hwnas.dl4j;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.BaseGraphVertex;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The runtime of {@link DepthToSpaceBlocks}: x [N, b·b·C, H, W] viewed as [N, i, j, C, H, W] is laid out as
 * [N, C, H, i, W, j] = y [N, C, bH, bW]; the gradient takes the inverse permutation.
 */
public class DepthToSpaceBlocksVertex extends BaseGraphVertex {
    private final int b;

    public DepthToSpaceBlocksVertex(ComputationGraph graph, String name, int vertexIndex, int blockSize,
                                    DataType dataType) {
        super(graph, name, vertexIndex, null, null, dataType);
        this.b = blockSize;
    }

    @Override
    public boolean hasLayer() {
        return false;
    }

    @Override
    public Layer getLayer() {
        return null;
    }

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaces) {
        if (!canDoForward()) {
            throw new IllegalStateException("Cannot do forward pass: inputs not set");
        }
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
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaces) {
        if (!canDoBackward()) {
            throw new IllegalStateException("Cannot do backward pass: errors not set");
        }
        INDArray x = inputs[0];
        long n = x.size(0);
        long c = x.size(1) / ((long) b * b);
        long h = x.size(2);
        long w = x.size(3);
        INDArray blocks = epsilon.dup('c').reshape('c', n, c, h, b, w, b).permute(0, 3, 5, 1, 2, 4);
        INDArray dx = workspaces.createUninitialized(ArrayType.ACTIVATION_GRAD, x.dataType(), x.shape(), 'c');
        dx.reshape('c', n, b, b, c, h, w).assign(blocks);
        return new Pair<>(null, new INDArray[] {dx});
    }

    @Override
    public void setBackpropGradientsViewArray(INDArray backpropGradientsViewArray) {
        if (backpropGradientsViewArray != null) {
            throw new IllegalStateException("DepthToSpaceBlocks has no parameters");
        }
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] maskArrays, MaskState currentMaskState,
                                                           int minibatchSize) {
        return new Pair<>(maskArrays == null ? null : maskArrays[0], currentMaskState);
    }

    @Override
    public String toString() {
        return "DepthToSpaceBlocksVertex(" + vertexName + ", blockSize=" + b + ")";
    }
}
