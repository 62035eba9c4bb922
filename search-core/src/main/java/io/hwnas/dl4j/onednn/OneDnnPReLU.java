package io.hwnas.dl4j.onednn;

import io.hwnas.dl4j.ChannelPReLU;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * {@link ChannelPReLU} computed by oneDNN ({@link OneDnnPReLULayer}): the same parameter ("W", one slope per
 * channel) and JSON form. DL4J's own PReLU forward (libnd4j's {@code prelu} op) and ND4J element-wise ops took
 * over half of an SESR training step, several times its convolutions (measured with JFR).
 */
public class OneDnnPReLU extends ChannelPReLU {
    private static final long serialVersionUID = 1L;

    /** For DL4J's JSON. */
    public OneDnnPReLU() {
    }

    /** For an input of {@code shape} (C, H, W or just C), one slope per channel. */
    public static OneDnnPReLU of(long[] shape, double initialSlope) {
        return configure(new OneDnnPReLU(), shape, initialSlope);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
                             INDArray params, boolean initializeParams, DataType dataType) {
        return Runtimes.wire(new OneDnnPReLULayer(conf, dataType), conf, listeners, index, params, initializeParams);
    }
}
