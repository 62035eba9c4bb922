package io.hwnas.dl4j.onednn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.params.DepthwiseConvolutionParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's depthwise parameters ("W" as [kh, kw, in, multiplier], "b"), initialised with the fan-in a depthwise
 * filter really has, kh·kw. DL4J 1.0.0-M2 uses in·kh·kw, which for 144 channels draws weights 12 times too small
 * for He initialisation; MBConv networks then barely learn in a short training (PyTorch's and TensorFlow's
 * fan-in is kh·kw·in/groups, i.e. kh·kw here).
 */
final class DepthwiseParamInitializer extends DepthwiseConvolutionParamInitializer {

    static final DepthwiseParamInitializer INSTANCE = new DepthwiseParamInitializer();

    @Override
    protected INDArray createDepthWiseWeightMatrix(NeuralNetConfiguration conf, INDArray weightView,
                                                   boolean initializeParams) {
        if (!initializeParams) {
            return super.createDepthWiseWeightMatrix(conf, weightView, false);
        }
        DepthwiseConvolution2D layer = (DepthwiseConvolution2D) conf.getLayer();
        int[] kernel = layer.getKernelSize();
        int[] stride = layer.getStride();
        double fanIn = (double) kernel[0] * kernel[1];
        double fanOut = layer.getDepthMultiplier() * fanIn / ((double) stride[0] * stride[1]);
        return layer.getWeightInitFn().init(fanIn, fanOut,
                new long[] {kernel[0], kernel[1], layer.getNIn(), layer.getDepthMultiplier()}, 'c', weightView);
    }
}
