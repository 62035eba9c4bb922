package io.hwnas.proxy;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.NoOp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * grad_norm: the L2 norm of ∂L/∂θ over all trainable parameters, L the mean cross-entropy of the
 * untrained net on one minibatch, in training mode (batch-norm normalises with the batch's
 * statistics, as the first training step would).
 */
final class GradNorm {
    private GradNorm() {
    }

    /**
     * @param graph an untrained graph from {@link io.hwnas.dl4j.GraphBuilder}; the pass updates its
     *     batch-norm running statistics, so run anything that reads them first
     */
    static double score(ComputationGraph graph, DataSet batch) {
        double sumOfSquares = 0;
        for (INDArray g : trainableGradients(graph, batch)) {
            double norm = g.norm2Number().doubleValue();
            sumOfSquares += norm * norm;
        }
        // DL4J's gradient is the sum over the batch's examples (its updater divides by the batch
        // size later); dividing here gives the gradient of the mean loss, comparable across batch sizes
        return Math.sqrt(sumOfSquares) / batch.numExamples();
    }

    /** The raw gradients DL4J computes for each trainable parameter array (batch-norm running statistics excluded). */
    static List<INDArray> trainableGradients(ComputationGraph graph, DataSet batch) {
        graph.setInputs(batch.getFeatures());
        graph.setLabels(batch.getLabels());
        graph.computeGradientAndScore();
        Map<String, INDArray> gradients = graph.gradient().gradientForVariable();
        List<INDArray> out = new ArrayList<>();
        for (Layer layer : graph.getLayers()) {
            org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
            for (String param : layer.paramTable().keySet()) {
                // running mean/variance are "parameters" DL4J updates without an optimiser (NoOp):
                // state, not something the loss is differentiated against
                if (conf.getUpdaterByParam(param) instanceof NoOp) {
                    continue;
                }
                String key = conf.getLayerName() + "_" + param;
                INDArray g = gradients.get(key);
                if (g == null) {
                    throw new IllegalStateException("grad_norm: no gradient for " + key + "; gradients: " + gradients.keySet());
                }
                out.add(g);
            }
        }
        return out;
    }
}
