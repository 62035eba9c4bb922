package io.hwnas.dl4j.onednn;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.deeplearning4j.nn.params.BatchNormalizationParamInitializer.BETA;
import static org.deeplearning4j.nn.params.BatchNormalizationParamInitializer.GAMMA;

/**
 * A layer norm's parameters: "gamma" (initialised to 1) then "beta" (0), one value per channel, adjacent in the
 * flattened parameters, which is oneDNN's [2, c] scale-shift tensor. No running statistics: layer norm has none.
 */
final class LayerNormParamInitializer implements ParamInitializer {

    static final LayerNormParamInitializer INSTANCE = new LayerNormParamInitializer();

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        return 2 * ((FeedForwardLayer) layer).getNOut();
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return List.of(GAMMA, BETA);
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return Collections.emptyList();
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return Collections.emptyList();
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return false;
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return false;
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        Map<String, INDArray> params = views(conf, paramsView);
        if (initializeParams) {
            params.get(GAMMA).assign(1);
            params.get(BETA).assign(0);
        }
        conf.addVariable(GAMMA);
        conf.addVariable(BETA);
        return params;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return views(conf, gradientView);
    }

    private static Map<String, INDArray> views(NeuralNetConfiguration conf, INDArray flat) {
        long c = ((FeedForwardLayer) conf.getLayer()).getNOut();
        Map<String, INDArray> views = Collections.synchronizedMap(new LinkedHashMap<>());
        views.put(GAMMA, flat.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(0, c)));
        views.put(BETA, flat.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(c, 2 * c)));
        return views;
    }
}
