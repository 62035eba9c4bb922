package io.hwnas.dl4j.onednn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * DL4J's depthwise convolution configuration, computed by oneDNN as a grouped convolution
 * ({@link OneDnnDepthwiseConvolutionLayer}). Same parameters and JSON form as {@link DepthwiseConvolution2D};
 * initialised with the depthwise fan-in ({@link DepthwiseParamInitializer}). Truncate mode, identity activation.
 */
public class OneDnnDepthwiseConvolution extends DepthwiseConvolution2D {

    /** For JSON. */
    public OneDnnDepthwiseConvolution() {
    }

    public OneDnnDepthwiseConvolution(DepthwiseConvolution2D.Builder builder) {
        super(builder);
    }

    @Override
    public ParamInitializer initializer() {
        return DepthwiseParamInitializer.INSTANCE;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray paramsView, boolean initializeParams, DataType networkDataType) {
        return Runtimes.wire(new OneDnnDepthwiseConvolutionLayer(conf, networkDataType), conf, listeners, layerIndex, paramsView,
                initializeParams);
    }
}
