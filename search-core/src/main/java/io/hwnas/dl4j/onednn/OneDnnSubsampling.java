package io.hwnas.dl4j.onednn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * DL4J's 2-D pooling configuration computed by oneDNN ({@link OneDnnSubsamplingLayer}): max, or average with
 * the padding counted in the divisor; truncate mode.
 */
public class OneDnnSubsampling extends SubsamplingLayer {

    /** For JSON. */
    public OneDnnSubsampling() {
    }

    public OneDnnSubsampling(SubsamplingLayer.Builder builder) {
        super(builder);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray paramsView, boolean initializeParams, DataType networkDataType) {
        return Runtimes.wire(new OneDnnSubsamplingLayer(conf, networkDataType), conf, listeners, layerIndex, paramsView,
                initializeParams);
    }
}
