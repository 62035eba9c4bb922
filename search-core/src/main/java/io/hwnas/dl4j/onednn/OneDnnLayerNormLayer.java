package io.hwnas.dl4j.onednn;

import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import static org.deeplearning4j.nn.params.BatchNormalizationParamInitializer.BETA;
import static org.deeplearning4j.nn.params.BatchNormalizationParamInitializer.GAMMA;

/** The runtime of {@link OneDnnLayerNorm}; the same in training and inference (there are no running statistics). */
public class OneDnnLayerNormLayer extends BaseLayer<OneDnnLayerNorm> {

    private final Map<Dims, LayerNormKernel> kernels = new HashMap<>();
    private final Map<Dims, CopyKernel> copies = new HashMap<>();

    public OneDnnLayerNormLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaces) {
        assertInputSet(false);
        INDArray x = canonical(input, workspaces, ArrayType.ACTIVATIONS);
        INDArray y = Layouts.create(workspaces, ArrayType.ACTIVATIONS, x.shape());
        kernelFor(x).forward(OneDnn.address(x), OneDnn.adjacent(getParam(GAMMA), getParam(BETA)), OneDnn.address(y));
        return y;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaces) {
        assertInputSet(true);
        INDArray x = canonical(input, workspaces, ArrayType.BP_WORKING_MEM);
        INDArray dy = canonical(epsilon, workspaces, ArrayType.BP_WORKING_MEM);
        INDArray dx = Layouts.create(workspaces, ArrayType.ACTIVATION_GRAD, x.shape());
        INDArray dGamma = gradientViews.get(GAMMA);
        INDArray dBeta = gradientViews.get(BETA);
        // the kernel's statistics are those of its last forward pass, which DL4J ran on this input
        kernelFor(x).backward(OneDnn.address(x), OneDnn.adjacent(getParam(GAMMA), getParam(BETA)), OneDnn.address(dy),
                OneDnn.address(dx), OneDnn.adjacent(dGamma, dBeta));
        Gradient gradient = new DefaultGradient();
        gradient.setGradientFor(GAMMA, dGamma);
        gradient.setGradientFor(BETA, dBeta);
        return new Pair<>(gradient, dx);
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    private INDArray canonical(INDArray a, LayerWorkspaceMgr workspaces, ArrayType type) {
        OneDnn.requireFloat(a);
        if (Layouts.isCanonical(a)) {
            return a;
        }
        INDArray copy = Layouts.create(workspaces, type, a.shape());
        copies.computeIfAbsent(new Dims(a.shape()), d -> new CopyKernel(d.values())).copy(a, copy);
        return copy;
    }

    private LayerNormKernel kernelFor(INDArray x) {
        long channels = layerConf().getNOut();
        if ((x.rank() != 2 && x.rank() != 4) || x.size(1) != channels) {
            throw new DL4JInvalidInputException("layer '" + layerConf().getLayerName() + "': input "
                    + Arrays.toString(x.shape()) + ", expected [batch, " + channels + "(, height, width)]");
        }
        long rows = x.length() / channels;
        return kernels.computeIfAbsent(new Dims(x.shape()), d -> new LayerNormKernel(rows, channels,
                layerConf().getEps()));
    }
}
