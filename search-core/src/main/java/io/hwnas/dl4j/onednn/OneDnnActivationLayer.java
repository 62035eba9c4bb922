package io.hwnas.dl4j.onednn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.ActivationLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The runtime of {@link OneDnnActivation}. The input is never modified, so unlike DL4J's activation layer it needs
 * no copy of it for the backward pass.
 */
public class OneDnnActivationLayer extends ActivationLayer {

    private final Map<Dims, EltwiseKernel> kernels = new HashMap<>();
    private Eltwise kernelsFunction;

    public OneDnnActivationLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaces) {
        assertInputSet(false);
        Optional<Eltwise> function = function();
        if (function.isEmpty()) {
            return super.activate(training, workspaces);
        }
        INDArray y = Layouts.create(workspaces, ArrayType.ACTIVATIONS, input.shape());
        kernelFor(input, function.get()).forward(input, y);
        return y;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaces) {
        assertInputSet(true);
        Optional<Eltwise> function = function();
        if (function.isEmpty()) {
            return super.backpropGradient(epsilon, workspaces);
        }
        INDArray dx = Layouts.create(workspaces, ArrayType.ACTIVATION_GRAD, input.shape());
        kernelFor(input, function.get()).backward(input, epsilon, dx);
        return new Pair<>(new DefaultGradient(), dx);
    }

    /** Read on every pass: a layer's activation may be swapped after it is built. */
    private Optional<Eltwise> function() {
        return Eltwise.of(layerConf().getActivationFn());
    }

    private EltwiseKernel kernelFor(INDArray x, Eltwise function) {
        OneDnn.requireFloat(x);
        if (!function.equals(kernelsFunction)) {
            kernels.clear();
            kernelsFunction = function;
        }
        return kernels.computeIfAbsent(new Dims(x.shape()), d -> new EltwiseKernel(d.values(), function));
    }
}
