package io.hwnas.dl4j;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.PReLULayer;
import org.deeplearning4j.nn.layers.feedforward.PReLU;
import org.deeplearning4j.nn.weights.WeightInitConstant;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * The IR's {@code prelu}: DL4J's {@link PReLULayer} with one slope per channel (shared over height and width),
 * starting at {@code initialSlope}, whose layer never writes into its input. DL4J 1.0.0-M2's PReLU computes in
 * place at inference, which corrupts a tensor another node also reads (a residual's skip, say).
 */
public class ChannelPReLU extends PReLULayer {
    private static final long serialVersionUID = 1L;

    /** For DL4J's JSON. */
    public ChannelPReLU() {
    }

    /** For an input of {@code shape} (C, H, W or just C), one slope per channel. */
    public static ChannelPReLU of(long[] shape, double initialSlope) {
        ChannelPReLU p = new ChannelPReLU();
        p.setInputShape(shape.clone());
        p.setSharedAxes(shape.length == 3 ? new long[] {2, 3} : null);
        p.setWeightInitFn(new WeightInitConstant(initialSlope));
        return p;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
                             INDArray params, boolean initializeParams, DataType dataType) {
        PReLU layer = new OutOfPlace(conf, dataType);
        layer.setListeners(listeners);
        layer.setIndex(index);
        layer.setParamsViewArray(params);
        layer.setParamTable(initializer().init(conf, params, initializeParams));
        layer.setConf(conf);
        return layer;
    }

    /** DL4J's PReLU computing on a copy of its input, as it already does when training. */
    static final class OutOfPlace extends PReLU {
        OutOfPlace(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr workspaces) {
            // the training path differs from inference only in copying the input (PReLU has no dropout here)
            return super.activate(true, workspaces);
        }
    }
}
