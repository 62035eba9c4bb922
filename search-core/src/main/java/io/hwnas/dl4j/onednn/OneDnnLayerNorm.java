package io.hwnas.dl4j.onednn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * Layer normalisation over the channels at each position (ConvNeXt's channels-last LayerNorm; over the features
 * of a flat input), with a learned per-channel gamma and beta and no running statistics; computed by oneDNN
 * ({@link OneDnnLayerNormLayer}). DL4J 1.0.0-M2 has no such layer. It extends DL4J's batch-norm configuration
 * only for the per-channel plumbing that one already has (channels from the input type, output type, no
 * preprocessor, gamma and beta as parameter names); its parameters are {@link LayerNormParamInitializer}'s.
 */
public class OneDnnLayerNorm extends BatchNormalization {

    /** For JSON. */
    public OneDnnLayerNorm() {
        setUseLogStd(false);
    }

    public static OneDnnLayerNorm of(double eps) {
        OneDnnLayerNorm layer = new OneDnnLayerNorm();
        layer.setEps(eps);
        return layer;
    }

    @Override
    public ParamInitializer initializer() {
        return LayerNormParamInitializer.INSTANCE;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray paramsView, boolean initializeParams, DataType networkDataType) {
        return Runtimes.wire(new OneDnnLayerNormLayer(conf, networkDataType), conf, listeners, layerIndex, paramsView,
                initializeParams);
    }
}
