package io.hwnas.dl4j.onednn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * DL4J's batch-norm configuration computed by oneDNN ({@link OneDnnBatchNormalizationLayer}): parameters gamma,
 * beta and the running mean and variance ("mean", "var"; stored as variance, not DL4J's default log10 stdev), the
 * same running-statistics rule (stat = decay·stat + (1 − decay)·batch stat, biased batch variance).
 */
public class OneDnnBatchNormalization extends BatchNormalization {

    /** For JSON; variance stored as variance. */
    public OneDnnBatchNormalization() {
        setUseLogStd(false);
    }

    public static OneDnnBatchNormalization of(double eps, double decay) {
        OneDnnBatchNormalization layer = new OneDnnBatchNormalization();
        layer.setEps(eps);
        layer.setDecay(decay);
        return layer;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray paramsView, boolean initializeParams, DataType networkDataType) {
        return Runtimes.wire(new OneDnnBatchNormalizationLayer(conf, networkDataType), conf, listeners, layerIndex, paramsView,
                initializeParams);
    }
}
