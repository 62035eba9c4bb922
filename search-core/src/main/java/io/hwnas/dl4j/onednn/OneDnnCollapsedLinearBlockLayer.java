package io.hwnas.dl4j.onednn;

import io.hwnas.arch.CollapsedLinearBlock;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

import static io.hwnas.dl4j.onednn.CollapsedLinearBlockParamInitializer.EXPAND;
import static io.hwnas.dl4j.onednn.CollapsedLinearBlockParamInitializer.PROJECT;

/**
 * The runtime of {@link OneDnnCollapsedLinearBlock}. Forward: W = Wp·We (as [out, p]·[p, in·k·k]) plus the
 * identity at the kernel centre with a short residual, then one oneDNN convolution with W. Backward: the
 * convolution's weight gradient dW gives dWe = Wpᵀ·dW and dWp = dW·Weᵀ, and its input gradient is the layer's.
 * The product costs out·p·in·k² MACs per pass, independent of the batch.
 */
public class OneDnnCollapsedLinearBlockLayer extends ConvolutionLayer {

    private static final String WEIGHT = ConvolutionParamInitializer.WEIGHT_KEY;

    private ConvolutionKernels kernels;
    /** The collapsed weight and its gradient as [out, in·k·k], outside every workspace: reused by every pass. */
    private INDArray weight;
    private INDArray weightGradient;
    /** The short residual's identity in the collapsed weight's layout, or null without one. */
    private INDArray identity;

    public OneDnnCollapsedLinearBlockLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaces) {
        assertInputSet(false);
        return kernels().forward(input, Map.of(WEIGHT, collapse()), workspaces);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaces) {
        assertInputSet(true);
        INDArray w = collapse();
        Pair<Gradient, INDArray> conv = kernels().backward(input, epsilon, Map.of(WEIGHT, w),
                Map.of(WEIGHT, weightGradient.reshape(w.shape())), workspaces);
        long[] e = CollapsedLinearBlockParamInitializer.expandShape(layerConf());
        long[] p = CollapsedLinearBlockParamInitializer.projectShape(layerConf());
        INDArray expand = getParam(EXPAND).reshape(e[0], e[1] * e[2] * e[3]);
        INDArray project = getParam(PROJECT).reshape(p[0], p[1]);
        INDArray dExpand = gradientViews.get(EXPAND);
        INDArray dProject = gradientViews.get(PROJECT);
        dExpand.assign(project.transpose().mmul(weightGradient).reshape(dExpand.shape()));
        dProject.assign(weightGradient.mmul(expand.transpose()).reshape(dProject.shape()));
        Gradient gradient = new DefaultGradient();
        gradient.setGradientFor(EXPAND, dExpand, 'c');
        gradient.setGradientFor(PROJECT, dProject, 'c');
        return new Pair<>(gradient, conv.getSecond());
    }

    /** The current parameters multiplied into the one conv weight, [out, in, k, k] in c order. */
    private INDArray collapse() {
        long[] e = CollapsedLinearBlockParamInitializer.expandShape(layerConf());
        long[] p = CollapsedLinearBlockParamInitializer.projectShape(layerConf());
        long window = e[1] * e[2] * e[3];
        if (weight == null) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                weight = Nd4j.createUninitialized(DataType.FLOAT, p[0], window);
                weightGradient = Nd4j.createUninitialized(DataType.FLOAT, p[0], window);
                if (((OneDnnCollapsedLinearBlock) layerConf()).isResidual()) {
                    identity = Nd4j.zeros(DataType.FLOAT, p[0], window);
                    for (int o = 0; o < p[0]; o++) {
                        identity.putScalar(o, CollapsedLinearBlock.identityColumn(o, (int) e[2]), 1f);
                    }
                }
            }
        }
        getParam(PROJECT).reshape(p[0], p[1]).mmul(getParam(EXPAND).reshape(e[0], window), weight);
        if (identity != null) {
            weight.addi(identity);
        }
        return weight.reshape(p[0], e[1], e[2], e[3]);
    }

    private ConvolutionKernels kernels() {
        if (kernels == null) {
            kernels = ConvolutionKernels.dense(layerConf());
        }
        return kernels;
    }
}
