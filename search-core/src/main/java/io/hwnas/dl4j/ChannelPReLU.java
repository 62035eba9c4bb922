package io.hwnas.dl4j;

import io.hwnas.dl4j.onednn.OneDnnPReLU;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.PReLULayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.feedforward.PReLU;
import org.deeplearning4j.nn.params.PReLUParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * The IR's {@code prelu}: DL4J's {@link PReLULayer} with one slope per channel (shared over height and width),
 * starting at {@code initialSlope}, whose layer never writes into its input. DL4J 1.0.0-M2's PReLU computes in
 * place at inference, which corrupts a tensor another node also reads (a residual's skip, say); and its backward,
 * libnd4j's {@code prelu_bp}, refuses any input more than 2·SD_MAX_RANK = 64 times as long as the slopes (a batch of
 * SR patches: 32·16·16 values per slope), so the backward here is computed with plain ND4J ops.
 */
public class ChannelPReLU extends PReLULayer {
    private static final long serialVersionUID = 1L;

    /** For DL4J's JSON. */
    public ChannelPReLU() {
    }

    /** For an input of {@code shape} (C, H, W or just C), one slope per channel. */
    public static ChannelPReLU of(long[] shape, double initialSlope) {
        return OneDnnPReLU.perChannel(new ChannelPReLU(), shape, initialSlope);
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

        /** y = x for x >= 0, a·x below: dy/dx is 1 or a, dy/da is 0 or x, the latter summed over the shared axes. */
        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaces) {
            assertInputSet(true);
            INDArray alpha = getParam(PReLUParamInitializer.WEIGHT_KEY);
            long[] broadcast = new long[input.rank()];
            broadcast[0] = 1;
            System.arraycopy(alpha.shape(), 0, broadcast, 1, alpha.rank());
            INDArray negative = input.lt(0).castTo(input.dataType());
            INDArray slope = negative.mul(alpha.reshape(broadcast).sub(1)).addi(1);
            INDArray delta = workspaces.leverageTo(ArrayType.ACTIVATION_GRAD, epsilon.mul(slope));
            INDArray perSlope = epsilon.mul(input).muli(negative).sum(true, 0);
            for (int axis = 1; axis < broadcast.length; axis++) {
                if (broadcast[axis] == 1 && perSlope.size(axis) > 1) {
                    perSlope = perSlope.sum(true, axis);
                }
            }
            INDArray view = gradientViews.get(PReLUParamInitializer.WEIGHT_KEY);
            view.assign(perSlope.reshape(alpha.shape()));
            Gradient gradient = new DefaultGradient();
            gradient.setGradientFor(PReLUParamInitializer.WEIGHT_KEY, view);
            return new Pair<>(gradient, delta);
        }
    }
}
