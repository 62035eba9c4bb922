package io.hwnas.dl4j;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.BaseGraphVertex;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A graph vertex of hwnas's own with no parameters and no masks (broadcast multiply, depth-to-space): DL4J's
 * bookkeeping once, so each vertex writes only its forward and backward arithmetic.
 */
abstract class ParameterFreeVertex extends BaseGraphVertex {

    ParameterFreeVertex(ComputationGraph graph, String name, int vertexIndex, DataType dataType) {
        super(graph, name, vertexIndex, null, null, dataType);
    }

    /** The output, from {@code inputs}. */
    abstract INDArray forward(LayerWorkspaceMgr workspaces);

    /** One gradient per input, from {@code inputs} and {@code epsilon}. */
    abstract INDArray[] backward(LayerWorkspaceMgr workspaces);

    @Override
    public final INDArray doForward(boolean training, LayerWorkspaceMgr workspaces) {
        if (!canDoForward()) {
            throw new IllegalStateException("Cannot do forward pass: inputs not set");
        }
        return forward(workspaces);
    }

    @Override
    public final Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaces) {
        if (!canDoBackward()) {
            throw new IllegalStateException("Cannot do backward pass: errors not set");
        }
        return new Pair<>(null, backward(workspaces));
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
    public void setBackpropGradientsViewArray(INDArray backpropGradientsViewArray) {
        if (backpropGradientsViewArray != null) {
            throw new IllegalStateException(getClass().getSimpleName() + " has no parameters");
        }
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] maskArrays, MaskState currentMaskState,
                                                           int minibatchSize) {
        return new Pair<>(maskArrays == null ? null : maskArrays[0], currentMaskState);
    }
}
