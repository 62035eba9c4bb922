package io.hwnas.onnx;

/**
 * Per-tensor affine int8: real value = scale · (q − zeroPoint), q in [−128, 127], as an int8 NPU holds activations.
 *
 * @param scale     the real step between neighbouring codes, > 0
 * @param zeroPoint the code of real 0 (exact, so zero padding and ReLU's zeros lose nothing)
 */
record Int8Affine(float scale, byte zeroPoint) {
    static final int QMIN = -128;
    static final int QMAX = 127;

    Int8Affine {
        if (!(scale > 0) || !Float.isFinite(scale)) {
            throw new IllegalArgumentException("int8 scale " + scale + " must be finite and > 0");
        }
    }

    /** The codes spread evenly over [lo, hi] widened to hold 0; a tensor that is 0 throughout gets step 1. */
    static Int8Affine covering(double lo, double hi) {
        if (!Double.isFinite(lo) || !Double.isFinite(hi) || lo > hi) {
            throw new IllegalArgumentException("int8 range [" + lo + ", " + hi + "] must be finite and ordered");
        }
        double min = Math.min(lo, 0);
        double max = Math.max(hi, 0);
        float scale = max > min ? (float) ((max - min) / (QMAX - QMIN)) : 1f;
        long zero = Math.round(QMIN - min / scale);
        return new Int8Affine(scale, (byte) Math.max(QMIN, Math.min(QMAX, zero)));
    }
}
