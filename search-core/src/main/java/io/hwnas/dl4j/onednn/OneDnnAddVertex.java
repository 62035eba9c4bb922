package io.hwnas.dl4j.onednn;

import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.impl.ElementWiseVertex;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.HashMap;
import java.util.Map;

/**
 * The runtime of {@link OneDnnAdd}. Inputs of different shapes (broadcasting) or types run as DL4J runs them.
 * The backward pass hands each input its own copy of the gradient, as DL4J does: the graph accumulates
 * gradients in place.
 */
public class OneDnnAddVertex extends ElementWiseVertex {

    private final Map<Dims, AddKernel> kernels = new HashMap<>();

    public OneDnnAddVertex(ComputationGraph graph, String name, int vertexIndex, DataType dataType) {
        super(graph, name, vertexIndex, Op.Add, dataType);
    }

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaces) {
        if (!canDoForward()) {
            throw new IllegalStateException("Cannot do forward pass: inputs not set");
        }
        if (!handled()) {
            return super.doForward(training, workspaces);
        }
        INDArray y = Layouts.create(workspaces, ArrayType.ACTIVATIONS, inputs[0].shape());
        kernel().forward(inputs, y);
        return y;
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaces) {
        if (!canDoBackward()) {
            throw new IllegalStateException("Cannot do backward pass: errors not set");
        }
        if (!handled() || epsilon.dataType() != DataType.FLOAT) {
            return super.doBackward(tbptt, workspaces);
        }
        INDArray[] out = new INDArray[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            out[i] = Layouts.create(workspaces, ArrayType.ACTIVATION_GRAD, epsilon.shape());
            kernel().copy(epsilon, out[i]);
        }
        return new Pair<>(null, out);
    }

    private boolean handled() {
        for (INDArray x : inputs) {
            if (x.dataType() != DataType.FLOAT || !x.equalShapes(inputs[0]) || (x.rank() != 2 && x.rank() != 4)) {
                return false;
            }
        }
        return inputs.length >= 2;
    }

    private AddKernel kernel() {
        return kernels.computeIfAbsent(new Dims(inputs[0].shape()), d -> new AddKernel(d.values()));
    }
}
