package io.hwnas.dl4j.onednn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The runtime of {@link OneDnnConvolution}: DL4J's convolution layer with its forward and backward pass in oneDNN. */
public class OneDnnConvolutionLayer extends ConvolutionLayer {

    private ConvolutionKernels kernels;

    public OneDnnConvolutionLayer(NeuralNetConfiguration conf, DataType dataType) {
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
            kernels = ConvolutionKernels.dense(layerConf());
        }
        return kernels;
    }
}
