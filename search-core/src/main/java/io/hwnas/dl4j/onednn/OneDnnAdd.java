package io.hwnas.dl4j.onednn;

import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's element-wise add vertex configuration computed by oneDNN ({@link OneDnnAddVertex}): residual sums stay
 * channels-last instead of becoming NCHW copies.
 */
public class OneDnnAdd extends ElementWiseVertex {

    public OneDnnAdd() {
        super(Op.Add);
    }

    @Override
    public OneDnnAdd clone() {
        return new OneDnnAdd();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OneDnnAdd;
    }

    @Override
    public int hashCode() {
        return OneDnnAdd.class.hashCode();
    }

    @Override
    public GraphVertex instantiate(ComputationGraph graph, String name, int idx, INDArray paramsView,
                                   boolean initializeParams, DataType networkDatatype) {
        return new OneDnnAddVertex(graph, name, idx, networkDatatype);
    }
}
