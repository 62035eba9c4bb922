package io.hwnas.dl4j.onednn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * DL4J's convolution layer configuration, computed by oneDNN ({@link OneDnnConvolutionLayer}): the same
 * parameters ("W" as [out, in, kh, kw], "b"), output types and JSON form as {@link ConvolutionLayer}, so
 * anything that reads or maps DL4J convolution weights keeps working. Truncate mode and the identity
 * activation only: hwnas puts activations in their own layers.
 */
public class OneDnnConvolution extends ConvolutionLayer {

    /** For JSON. */
    public OneDnnConvolution() {
    }

    public OneDnnConvolution(ConvolutionLayer.Builder builder) {
        super(builder);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray paramsView, boolean initializeParams, DataType networkDataType) {
        return Runtimes.wire(new OneDnnConvolutionLayer(conf, networkDataType), conf, listeners, layerIndex, paramsView,
                initializeParams);
    }
}
