package io.hwnas.dl4j.onednn;

import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import static org.bytedeco.dnnl.global.dnnl.algorithm;

/** The runtime of {@link OneDnnSubsampling}. */
public class OneDnnSubsamplingLayer extends SubsamplingLayer {

    private final Map<Dims, PoolingKernel> kernels = new HashMap<>();

    public OneDnnSubsamplingLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaces) {
        assertInputSet(false);
        PoolingKernel kernel = kernelFor(input);
        INDArray y = Layouts.create(workspaces, ArrayType.ACTIVATIONS, kernel.outputDims(input.size(0), input.size(1),
                window(input)));
        kernel.forward(input, OneDnn.address(y), y.shape(), y.stride());
        return y;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaces) {
        assertInputSet(true);
        INDArray dx = Layouts.create(workspaces, ArrayType.ACTIVATION_GRAD, input.shape());
        kernelFor(input).backward(OneDnn.address(epsilon), epsilon.shape(), epsilon.stride(), dx);
        return new Pair<>(new DefaultGradient(), dx);
    }

    private PoolingKernel kernelFor(INDArray x) {
        org.deeplearning4j.nn.conf.layers.SubsamplingLayer c = layerConf();
        if (x.rank() != 4) {
            throw new DL4JInvalidInputException("layer '" + c.getLayerName() + "': input " + Arrays.toString(x.shape())
                    + ", expected [batch, channels, height, width]");
        }
        OneDnn.requireFloat(x);
        return kernels.computeIfAbsent(new Dims(x.shape()),
                d -> new PoolingKernel(x.size(0), x.size(1), window(x), kind(c)));
    }

    private WindowGeometry window(INDArray x) {
        org.deeplearning4j.nn.conf.layers.SubsamplingLayer c = layerConf();
        return new WindowGeometry(x.size(2), x.size(3), c.getKernelSize(), c.getStride(), c.getPadding(), c.getDilation());
    }

    private static algorithm kind(org.deeplearning4j.nn.conf.layers.SubsamplingLayer c) {
        if (c.getConvolutionMode() != ConvolutionMode.Truncate) {
            throw new IllegalStateException("layer '" + c.getLayerName() + "': hwnas's oneDNN pooling supports truncate "
                    + "mode, got " + c.getConvolutionMode());
        }
        if (c.getPoolingType() == PoolingType.MAX) {
            return algorithm.pooling_max;
        }
        if (c.getPoolingType() == PoolingType.AVG && c.isAvgPoolIncludePadInDivisor()) {
            return algorithm.pooling_avg_include_padding;
        }
        throw new IllegalStateException("layer '" + c.getLayerName() + "': hwnas's oneDNN pooling supports max, and "
                + "average with padding in the divisor; got " + c.getPoolingType());
    }
}
