package io.hwnas.dl4j;

import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.AdamUpdater;

import java.nio.FloatBuffer;

/**
 * Adam as libnd4j's AdamUpdater op computes it (same order of operations in float): m = β1·m + (1 − β1)·g,
 * v = β2·v + (1 − β2)·g², g ← α_t·m/(√v + ε) with α_t = lr·√(1 − β2^(t+1))/(1 − β1^(t+1)), in one Java loop over
 * the native buffers. Arrays that are not dense float vectors go to the op.
 */
public final class OnePassAdamUpdater extends AdamUpdater {

    private final RawFloats pointer = new RawFloats();

    public OnePassAdamUpdater(OnePassAdam config) {
        super(config);
    }

    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
        INDArray m = getM();
        INDArray v = getV();
        if (m == null || v == null) {
            throw new IllegalStateException("Updater has not been initialized with view state");
        }
        if (!dense(gradient) || !dense(m) || !dense(v) || m.length() != gradient.length()
                || v.length() != gradient.length()) {
            super.applyUpdater(gradient, iteration, epoch);
            return;
        }
        float beta1 = (float) getConfig().getBeta1();
        float beta2 = (float) getConfig().getBeta2();
        float epsilon = (float) getConfig().getEpsilon();
        float beta1T = (float) Math.pow(beta1, iteration + 1);
        float beta2T = (float) Math.pow(beta2, iteration + 1);
        float alpha = (float) (getConfig().getLearningRate(iteration, epoch) * Math.sqrt(1 - beta2T) / (1 - beta1T));
        if (Float.isNaN(alpha) || Float.isInfinite(alpha) || alpha == 0) {
            alpha = epsilon;
        }
        int n = (int) gradient.length();
        FloatBuffer g = pointer.buffer(gradient);
        FloatBuffer ms = pointer.buffer(m);
        FloatBuffer vs = pointer.buffer(v);
        float oneMinusBeta1 = 1 - beta1;
        float oneMinusBeta2 = 1 - beta2;
        for (int i = 0; i < n; i++) {
            float gi = g.get(i);
            float mi = beta1 * ms.get(i) + gi * oneMinusBeta1;
            float vi = beta2 * vs.get(i) + gi * gi * oneMinusBeta2;
            ms.put(i, mi);
            vs.put(i, vi);
            g.put(i, mi * alpha / ((float) Math.sqrt(vi) + epsilon));
        }
    }

    private static boolean dense(INDArray a) {
        return a.dataType() == DataType.FLOAT && a.length() <= Integer.MAX_VALUE && a.elementWiseStride() == 1;
    }

    /** Direct float buffers over INDArray memory, without copies. */
    private static final class RawFloats extends FloatPointer {
        FloatBuffer buffer(INDArray a) {
            address = a.data().address() + a.offset() * Float.BYTES;
            position = 0;
            limit = a.length();
            capacity = a.length();
            return asBuffer();
        }
    }
}
