package io.hwnas.dl4j.onednn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.feedforward.PReLU;
import org.deeplearning4j.nn.params.PReLUParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.HashMap;
import java.util.Map;

/** The runtime of {@link OneDnnPReLU}: never writes into its input, one oneDNN pass each way. */
public class OneDnnPReLULayer extends PReLU {

    private static final String SLOPES = PReLUParamInitializer.WEIGHT_KEY;
    private final Map<Dims, PReluKernel> kernels = new HashMap<>();

    public OneDnnPReLULayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaces) {
        assertInputSet(false);
        INDArray y = Layouts.create(workspaces, ArrayType.ACTIVATIONS, input.shape());
        kernelFor(input).forward(input, getParam(SLOPES), y);
        return y;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaces) {
        assertInputSet(true);
        INDArray dx = Layouts.create(workspaces, ArrayType.ACTIVATION_GRAD, input.shape());
        INDArray da = gradientViews.get(SLOPES);
        kernelFor(input).backward(input, getParam(SLOPES), epsilon, dx, da);
        Gradient gradient = new DefaultGradient();
        gradient.setGradientFor(SLOPES, da);
        return new Pair<>(gradient, dx);
    }

    private PReluKernel kernelFor(INDArray x) {
        OneDnn.requireFloat(x);
        return kernels.computeIfAbsent(new Dims(x.shape()), d -> new PReluKernel(d.values()));
    }
}
