package io.hwnas.dl4j;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.factory.Nd4j;

/** The runtime of {@link BroadcastMultiply}: y = x·g, dx = dy·g, dg = dy·x (summed over height and width for a gate). */
public class BroadcastMultiplyVertex extends ParameterFreeVertex {

    public BroadcastMultiplyVertex(ComputationGraph graph, String name, int vertexIndex, DataType dataType) {
        super(graph, name, vertexIndex, dataType);
    }

    @Override
    INDArray forward(LayerWorkspaceMgr workspaces) {
        INDArray x = inputs[0];
        INDArray out = workspaces.createUninitialized(ArrayType.ACTIVATIONS, x.dataType(), x.shape(), 'c');
        return times(x, inputs[1], out);
    }

    @Override
    INDArray[] backward(LayerWorkspaceMgr workspaces) {
        INDArray x = inputs[0];
        INDArray gate = inputs[1];
        INDArray dx = times(epsilon, gate,
                workspaces.createUninitialized(ArrayType.ACTIVATION_GRAD, x.dataType(), x.shape(), 'c'));
        INDArray dg = workspaces.createUninitialized(ArrayType.ACTIVATION_GRAD, gate.dataType(), gate.shape(), 'c');
        if (isGate(x, gate)) {
            INDArray perChannel = epsilon.mul(x).sum(2, 3);
            dg.assign(perChannel.reshape(gate.shape()));
        } else {
            dg.assign(epsilon.mul(x));
        }
        return new INDArray[] {dx, dg};
    }

    /** out = x·gate, the gate broadcast over height and width when it is one. */
    private static INDArray times(INDArray x, INDArray gate, INDArray out) {
        if (isGate(x, gate)) {
            INDArray perChannel = gate.reshape(gate.size(0), gate.size(1));
            Nd4j.getExecutioner().exec(new BroadcastMulOp(x, perChannel, out, 0, 1));
        } else {
            out.assign(x.mul(gate));
        }
        return out;
    }

    private static boolean isGate(INDArray x, INDArray gate) {
        return x.rank() == 4 && !gate.equalShapes(x);
    }

    @Override
    public String toString() {
        return "BroadcastMultiplyVertex(" + vertexName + ")";
    }
}
