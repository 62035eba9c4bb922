package io.hwnas.dl4j.onednn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * DL4J's activation layer configuration computed by oneDNN's element-wise primitives
 * ({@link OneDnnActivationLayer}); activations oneDNN lacks run as DL4J runs them.
 */
public class OneDnnActivation extends ActivationLayer {

    /** For JSON. */
    public OneDnnActivation() {
    }

    public static OneDnnActivation of(IActivation activation) {
        OneDnnActivation layer = new OneDnnActivation();
        layer.setActivationFn(activation);
        return layer;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray paramsView, boolean initializeParams, DataType networkDataType) {
        return Runtimes.wire(new OneDnnActivationLayer(conf, networkDataType), conf, listeners, layerIndex, paramsView,
                initializeParams);
    }
}
