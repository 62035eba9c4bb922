package io.hwnas.dl4j;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.conf.layers.PReLULayer;
import org.deeplearning4j.nn.layers.feedforward.PReLU;
import org.deeplearning4j.nn.params.PReLUParamInitializer;
import org.deeplearning4j.nn.weights.WeightInitConstant;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;

import java.util.Collection;

/**
 * The IR's {@code prelu}: DL4J's {@link PReLULayer} with one slope per channel (shared over height and width),
 * starting at {@code initialSlope}, whose layer never writes into its input. DL4J 1.0.0-M2's PReLU computes in
 * place at inference, which corrupts a tensor another node also reads (a residual's skip, say). Its backward pass
 * is hwnas's own: DL4J 1.0.0-M2's {@code prelu_bp} op fails its own validation on common shapes (batch 2 of
 * 4 channels of 8×8, say), which stopped every SESR net from training.
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

    /** DL4J's PReLU computing on a copy of its input, as it already does when training, with its own backward pass. */
    static final class OutOfPlace extends PReLU {
        OutOfPlace(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr workspaces) {
            // the training path differs from inference only in copying the input (PReLU has no dropout here)
            return super.activate(true, workspaces);
        }

        /**
         * y = x where x > 0, else a·x, with a per channel (dimension 1): dL/dx = ε where x > 0, else a·ε; and
         * dL/da = the sum of ε·x over the channel's elements where x ≤ 0.
         */
        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaces) {
            assertInputSet(true);
            INDArray x = input.castTo(epsilon.dataType());
            INDArray slopes = getParam(PReLUParamInitializer.WEIGHT_KEY);
            INDArray perChannel = slopes.reshape(slopes.length());
            INDArray negative = x.lte(0).castTo(x.dataType());
            INDArray scale = Broadcast.mul(negative, perChannel, negative.ulike(), 1);
            scale.addi(negative.rsub(1.0));
            INDArray dx = workspaces.createUninitialized(ArrayType.ACTIVATION_GRAD, epsilon.dataType(), epsilon.shape(),
                    epsilon.ordering());
            dx.assign(epsilon.mul(scale));
            int[] reduce = new int[x.rank() - 1];
            reduce[0] = 0;
            for (int d = 2; d < x.rank(); d++) {
                reduce[d - 1] = d;
            }
            INDArray dSlopes = epsilon.mul(x).muli(negative).sum(reduce);
            INDArray view = gradientViews.get(PReLUParamInitializer.WEIGHT_KEY);
            view.assign(dSlopes.reshape(view.shape()));
            Gradient gradient = new DefaultGradient();
            gradient.gradientForVariable().put(PReLUParamInitializer.WEIGHT_KEY, view);
            return new Pair<>(gradient, dx);
        }
    }
}
