package io.hwnas.dl4j.onednn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/** What every layer configuration's {@code instantiate} does after making its runtime, as DL4J's own layers do it. */
final class Runtimes {

    private Runtimes() {
    }

    /** Gives {@code layer} its index, listeners, configuration and parameters (views of {@code paramsView}). */
    static <L extends Layer> L wire(L layer, NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
                                    int layerIndex, INDArray paramsView, boolean initializeParams) {
        layer.setListeners(listeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(paramsView);
        layer.setParamTable(conf.getLayer().initializer().init(conf, paramsView, initializeParams));
        layer.setConf(conf);
        return layer;
    }
}
