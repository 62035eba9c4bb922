package io.hwnas.dl4j.onednn;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters of {@link OneDnnCollapsedLinearBlock}: the expanded block's two convs, "We" [p, in, k, k] then
 * "Wp" [out, p, 1, 1], each initialised as the conv it is (fan-in in·k² and p), so a block trained collapsed starts
 * from the same distribution as the same block trained expanded.
 */
final class CollapsedLinearBlockParamInitializer implements ParamInitializer {

    static final CollapsedLinearBlockParamInitializer INSTANCE = new CollapsedLinearBlockParamInitializer();
    static final String EXPAND = "We";
    static final String PROJECT = "Wp";

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        long[] e = expandShape(layer);
        long[] p = projectShape(layer);
        return e[0] * e[1] * e[2] * e[3] + p[0] * p[1];
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return List.of(EXPAND, PROJECT);
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return List.of(EXPAND, PROJECT);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return Collections.emptyList();
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return EXPAND.equals(key) || PROJECT.equals(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return false;
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        OneDnnCollapsedLinearBlock layer = (OneDnnCollapsedLinearBlock) conf.getLayer();
        Map<String, INDArray> params = views(layer, paramsView);
        if (initializeParams) {
            long[] e = expandShape(layer);
            long[] p = projectShape(layer);
            double area = (double) e[2] * e[3];
            layer.getWeightInitFn().init(e[1] * area, e[0] * area, e, 'c', params.get(EXPAND));
            layer.getWeightInitFn().init(p[1], p[0], p, 'c', params.get(PROJECT));
        }
        conf.addVariable(EXPAND);
        conf.addVariable(PROJECT);
        return params;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return views(conf.getLayer(), gradientView);
    }

    private static Map<String, INDArray> views(Layer layer, INDArray flat) {
        long[] e = expandShape(layer);
        long[] p = projectShape(layer);
        long expandLength = e[0] * e[1] * e[2] * e[3];
        long length = expandLength + p[0] * p[1];
        Map<String, INDArray> views = Collections.synchronizedMap(new LinkedHashMap<>());
        views.put(EXPAND, flat.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(0, expandLength))
                .reshape('c', e));
        views.put(PROJECT, flat.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(expandLength, length))
                .reshape('c', p));
        return views;
    }

    static long[] expandShape(Layer layer) {
        OneDnnCollapsedLinearBlock b = (OneDnnCollapsedLinearBlock) layer;
        int[] k = b.getKernelSize();
        return new long[] {b.getExpansion(), b.getNIn(), k[0], k[1]};
    }

    static long[] projectShape(Layer layer) {
        OneDnnCollapsedLinearBlock b = (OneDnnCollapsedLinearBlock) layer;
        return new long[] {b.getNOut(), b.getExpansion(), 1, 1};
    }
}
