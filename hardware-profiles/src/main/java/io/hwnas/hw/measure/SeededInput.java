package io.hwnas.hw.measure;

import io.hwnas.arch.Shape;

import java.util.SplittableRandom;

/**
 * The one batch-1 input every timed runtime is fed, uniform in [0, 1) from a seed, so DL4J and ONNX Runtime time
 * the same image.
 */
final class SeededInput {
    private SeededInput() {
    }

    /** {@code in}'s C × H × W values, row-major (NCHW with N = 1). */
    static float[] pixels(Shape in, long seed) {
        float[] pixels = new float[in.channels() * in.height() * in.width()];
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) rng.nextDouble();
        }
        return pixels;
    }

    static long[] shape(Shape in) {
        return new long[] {1, in.channels(), in.height(), in.width()};
    }
}
