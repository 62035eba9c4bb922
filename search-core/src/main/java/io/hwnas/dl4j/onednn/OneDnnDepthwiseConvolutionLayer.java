package io.hwnas.dl4j.onednn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.DepthwiseConvolution2DLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The runtime of {@link OneDnnDepthwiseConvolution}: one group per input channel in oneDNN. */
public class OneDnnDepthwiseConvolutionLayer extends DepthwiseConvolution2DLayer {

    private ConvolutionKernels kernels;

    public OneDnnDepthwiseConvolutionLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaces) {
        assertInputSet(false);
        return kernels().forward(input, paramTable(), workspaces);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaces) {
        assertInputSet(true);
        return kernels().backward(input, epsilon, paramTable(), gradientViews, workspaces);
    }

    private ConvolutionKernels kernels() {
        if (kernels == null) {
            DepthwiseConvolution2D c = (DepthwiseConvolution2D) layerConf();
            long in = c.getNIn();
            long multiplier = c.getDepthMultiplier();
            int[] k = c.getKernelSize();
            // W is [kh, kw, in, multiplier] in c order; oneDNN's grouped weights are [groups = in, multiplier, 1, kh, kw]
            long[] dims = {in, multiplier, 1, k[0], k[1]};
            long[] strides = {multiplier, 1, in * multiplier * k[0] * k[1], (long) k[1] * in * multiplier, in * multiplier};
            kernels = new ConvolutionKernels(c, in, in * multiplier, dims, strides);
        }
        return kernels;
    }
}
