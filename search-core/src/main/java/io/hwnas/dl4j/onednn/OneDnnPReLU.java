package io.hwnas.dl4j.onednn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.PReLULayer;
import org.deeplearning4j.nn.weights.WeightInitConstant;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * The IR's {@code prelu} computed by oneDNN ({@link OneDnnPReLULayer}): DL4J's PReLU configuration with one slope per
 * channel ("W"), shared over height and width, as {@code io.hwnas.dl4j.ChannelPReLU} (the DL4J-kernel build) has.
 * DL4J's own PReLU forward (libnd4j's {@code prelu} op) and ND4J element-wise ops took over half of an SESR training
 * step, several times its convolutions (measured with JFR).
 */
public class OneDnnPReLU extends PReLULayer {
    private static final long serialVersionUID = 1L;

    /** For DL4J's JSON. */
    public OneDnnPReLU() {
    }

    /** For an input of {@code shape} (C, H, W or just C), one slope per channel. */
    public static OneDnnPReLU of(long[] shape, double initialSlope) {
        return perChannel(new OneDnnPReLU(), shape, initialSlope);
    }

    /** Sets {@code p} up for an input of {@code shape}: one slope per channel, starting at {@code initialSlope}. */
    public static <P extends PReLULayer> P perChannel(P p, long[] shape, double initialSlope) {
        p.setInputShape(shape.clone());
        p.setSharedAxes(shape.length == 3 ? new long[] {2, 3} : null);
        p.setWeightInitFn(new WeightInitConstant(initialSlope));
        return p;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
                             INDArray params, boolean initializeParams, DataType dataType) {
        return Runtimes.wire(new OneDnnPReLULayer(conf, dataType), conf, listeners, index, params, initializeParams);
    }
}
