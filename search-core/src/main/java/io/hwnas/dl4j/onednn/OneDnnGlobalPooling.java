package io.hwnas.dl4j.onednn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * DL4J's global pooling configuration ([n, c, h, w] → [n, c]) computed by oneDNN as one h×w pooling window
 * ({@link OneDnnGlobalPoolingLayer}); max or average.
 */
public class OneDnnGlobalPooling extends GlobalPoolingLayer {

    /** For JSON. */
    public OneDnnGlobalPooling() {
    }

    public static OneDnnGlobalPooling of(PoolingType type) {
        OneDnnGlobalPooling layer = new OneDnnGlobalPooling();
        layer.setPoolingType(type);
        return layer;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray paramsView, boolean initializeParams, DataType networkDataType) {
        return Runtimes.wire(new OneDnnGlobalPoolingLayer(conf, networkDataType), conf, listeners, layerIndex, paramsView,
                initializeParams);
    }
}
