package io.hwnas.dl4j.onednn;

import io.hwnas.arch.CollapsedLinearBlock;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * A collapsible linear block trained collapsed ({@link CollapsedLinearBlock}): parameters "We" (the K×K expand,
 * [p, in, k, k]) and "Wp" (the 1×1 project, [out, p, 1, 1]); each pass multiplies them into one K×K conv weight
 * (plus the identity with a short residual) that oneDNN runs ({@link OneDnnCollapsedLinearBlockLayer}). It extends
 * DL4J's convolution configuration for the plumbing that one has: channels from the input type, output types, the
 * "same" window; its parameters are {@link CollapsedLinearBlockParamInitializer}'s.
 */
public class OneDnnCollapsedLinearBlock extends ConvolutionLayer {

    private int expansion;
    private boolean residual;

    /** For JSON. */
    public OneDnnCollapsedLinearBlock() {
    }

    private OneDnnCollapsedLinearBlock(ConvolutionLayer.Builder builder, int expansion, boolean residual) {
        super(builder);
        this.expansion = expansion;
        this.residual = residual;
    }

    public static OneDnnCollapsedLinearBlock of(CollapsedLinearBlock block) {
        int k = block.kernel();
        return new OneDnnCollapsedLinearBlock(new ConvolutionLayer.Builder(k, k).nOut(block.outChannels())
                .stride(1, 1).padding(k / 2, k / 2).dilation(1, 1).hasBias(false).activation(Activation.IDENTITY),
                block.expansion(), block.residual());
    }

    public int getExpansion() {
        return expansion;
    }

    public void setExpansion(int expansion) {
        this.expansion = expansion;
    }

    public boolean isResidual() {
        return residual;
    }

    public void setResidual(boolean residual) {
        this.residual = residual;
    }

    @Override
    public ParamInitializer initializer() {
        return CollapsedLinearBlockParamInitializer.INSTANCE;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray paramsView, boolean initializeParams, DataType networkDataType) {
        return Runtimes.wire(new OneDnnCollapsedLinearBlockLayer(conf, networkDataType), conf, listeners, layerIndex,
                paramsView, initializeParams);
    }
}
