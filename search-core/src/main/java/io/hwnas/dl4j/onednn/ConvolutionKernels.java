package io.hwnas.dl4j.onednn;

import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.HashMap;
import java.util.Map;

/**
 * The oneDNN work of one convolution layer: a {@link ConvolutionKernel} per input size (batch, height, width),
 * the forward pass and the backward pass in DL4J's terms. Shared by the dense and the depthwise layer, which
 * differ only in how their weight parameter is laid out.
 */
final class ConvolutionKernels {

    /** The parameter keys of DL4J's convolution and depthwise convolution layers alike. */
    private static final String WEIGHT = ConvolutionParamInitializer.WEIGHT_KEY;
    private static final String BIAS = ConvolutionParamInitializer.BIAS_KEY;

    private final String layerName;
    private final long inChannels;
    private final long outChannels;
    private final int[] kernel;
    private final int[] stride;
    private final int[] padding;
    private final int[] dilation;
    private final boolean hasBias;
    private final long[] weightDims;
    private final long[] weightStrides;
    private final Map<InputSize, ConvolutionKernel> kernels = new HashMap<>();

    ConvolutionKernels(org.deeplearning4j.nn.conf.layers.ConvolutionLayer conf, long inChannels, long outChannels,
                       long[] weightDims, long[] weightStrides) {
        if (conf.getConvolutionMode() != ConvolutionMode.Truncate || !(conf.getActivationFn() instanceof ActivationIdentity)) {
            throw new IllegalStateException("layer '" + conf.getLayerName() + "': hwnas's oneDNN convolution supports "
                    + "truncate mode with the identity activation, got " + conf.getConvolutionMode() + " and "
                    + conf.getActivationFn());
        }
        this.layerName = conf.getLayerName();
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernel = conf.getKernelSize().clone();
        this.stride = conf.getStride().clone();
        this.padding = conf.getPadding().clone();
        this.dilation = conf.getDilation().clone();
        this.hasBias = conf.hasBias();
        this.weightDims = weightDims;
        this.weightStrides = weightStrides;
    }

    /** The kernels of an ungrouped convolution whose weight is [out, in, kh, kw] in c order: oneDNN's oihw. */
    static ConvolutionKernels dense(org.deeplearning4j.nn.conf.layers.ConvolutionLayer c) {
        long in = c.getNIn();
        long out = c.getNOut();
        int[] k = c.getKernelSize();
        long[] dims = {out, in, k[0], k[1]};
        long[] strides = {in * k[0] * k[1], (long) k[0] * k[1], k[1], 1};
        return new ConvolutionKernels(c, in, out, dims, strides);
    }

    /** The layer's output for input {@code x}, with its parameters ("W", "b" when it has a bias). */
    INDArray forward(INDArray x, Map<String, INDArray> params, LayerWorkspaceMgr workspaces) {
        ConvolutionKernel k = kernelFor(x);
        INDArray y = Layouts.create(workspaces, ArrayType.ACTIVATIONS, k.outputDims());
        k.forward(x, params.get(WEIGHT), params.get(BIAS), y);
        return y;
    }

    /** The parameter gradients, written into the layer's gradient views, and the input gradient. */
    Pair<Gradient, INDArray> backward(INDArray x, INDArray epsilon, Map<String, INDArray> params,
                                      Map<String, INDArray> gradientViews, LayerWorkspaceMgr workspaces) {
        ConvolutionKernel k = kernelFor(x);
        INDArray dx = Layouts.create(workspaces, ArrayType.ACTIVATION_GRAD, x.shape());
        INDArray dw = gradientViews.get(WEIGHT);
        INDArray db = hasBias ? gradientViews.get(BIAS) : null;
        k.backward(x, params.get(WEIGHT), epsilon, dx, dw, db);
        Gradient gradient = new DefaultGradient();
        if (hasBias) {
            gradient.setGradientFor(BIAS, db);
        }
        gradient.setGradientFor(WEIGHT, dw, 'c');
        return new Pair<>(gradient, dx);
    }

    private ConvolutionKernel kernelFor(INDArray x) {
        if (x.rank() != 4 || x.size(1) != inChannels) {
            throw new DL4JInvalidInputException("layer '" + layerName + "': input " + java.util.Arrays.toString(x.shape())
                    + ", expected [batch, " + inChannels + ", height, width]");
        }
        OneDnn.requireFloat(x);
        return kernels.computeIfAbsent(new InputSize(x.size(0), x.size(2), x.size(3)),
                s -> new ConvolutionKernel(s.batch(), inChannels, outChannels,
                        new WindowGeometry(s.height(), s.width(), kernel, stride, padding, dilation), hasBias,
                        weightDims, weightStrides));
    }

    private record InputSize(long batch, long height, long width) {
    }
}
