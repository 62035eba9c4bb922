package io.hwnas.sr;

/**
 * Bicubic resizing as MATLAB's {@code imresize(..., 'bicubic')} computes it, which made the low-resolution images
 * of the SR benchmarks: Keys' cubic convolution kernel (a = -0.5), pixel centres aligned, mirrored edges, and when
 * shrinking the kernel stretched by the factor (antialiasing), so a ×4 shrink averages over 16 source pixels per
 * axis instead of sampling 4. Separable: rows, then columns.
 *
 * <p>Written here rather than taken from Java2D: Java2D's {@code TYPE_BICUBIC} (like OpenCV's {@code INTER_CUBIC})
 * does not antialias when shrinking, works on 8-bit rasters, and its edge handling is undocumented. This follows
 * MATLAB's published algorithm in float, but it has not been checked pixel for pixel against MATLAB, so PSNRs here
 * compare with each other and only approximately with published tables.
 */
public final class Bicubic {

    private static final double A = -0.5;
    private static final double KERNEL_WIDTH = 4;

    private Bicubic() {
    }

    /** {@code image} resized by {@code factor} (> 1 enlarges), to round(size × factor) per axis. */
    public static LumaImage resize(LumaImage image, double factor) {
        int h = (int) Math.round(image.height() * factor);
        int w = (int) Math.round(image.width() * factor);
        if (h < 1 || w < 1) {
            throw new IllegalArgumentException("resizing a " + image.height() + "x" + image.width() + " image by "
                    + factor + " leaves no pixels");
        }
        float[] rows = new float[image.height() * w];
        Weights across = new Weights(image.width(), w, factor);
        for (int r = 0; r < image.height(); r++) {
            across.apply(image.pixels(), r * image.width(), 1, rows, r * w, 1);
        }
        float[] out = new float[h * w];
        Weights down = new Weights(image.height(), h, factor);
        for (int c = 0; c < w; c++) {
            down.apply(rows, c, w, out, c, w);
        }
        return new LumaImage(h, w, out);
    }

    /** Keys' cubic convolution kernel. */
    static double cubic(double x) {
        double ax = Math.abs(x);
        if (ax <= 1) {
            return (A + 2) * ax * ax * ax - (A + 3) * ax * ax + 1;
        }
        if (ax < 2) {
            return A * ax * ax * ax - 5 * A * ax * ax + 8 * A * ax - 4 * A;
        }
        return 0;
    }

    /** The source taps and normalised weights of every output position along one axis. */
    private static final class Weights {
        private final int[][] taps;
        private final double[][] weights;

        Weights(int in, int out, double factor) {
            boolean shrink = factor < 1;
            double width = shrink ? KERNEL_WIDTH / factor : KERNEL_WIDTH;
            int count = (int) Math.ceil(width) + 2;
            taps = new int[out][count];
            weights = new double[out][count];
            for (int i = 0; i < out; i++) {
                // MATLAB's 1-based coordinates: output pixel i+1 sits at u in the input
                double u = (i + 1) / factor + 0.5 * (1 - 1 / factor);
                int left = (int) Math.floor(u - width / 2);
                double sum = 0;
                for (int k = 0; k < count; k++) {
                    int j = left + k;
                    double x = u - j;
                    double wgt = shrink ? factor * cubic(factor * x) : cubic(x);
                    weights[i][k] = wgt;
                    taps[i][k] = mirror(j - 1, in);
                    sum += wgt;
                }
                for (int k = 0; k < count; k++) {
                    weights[i][k] /= sum;
                }
            }
        }

        /** Reflects a 0-based index into 0..n-1 as MATLAB does (the edge pixel repeated: ... 1 0 | 0 1 ...). */
        private static int mirror(int j, int n) {
            int period = 2 * n;
            int m = Math.floorMod(j, period);
            return m < n ? m : period - 1 - m;
        }

        void apply(float[] src, int srcStart, int srcStride, float[] dst, int dstStart, int dstStride) {
            for (int i = 0; i < taps.length; i++) {
                double v = 0;
                for (int k = 0; k < taps[i].length; k++) {
                    v += weights[i][k] * src[srcStart + taps[i][k] * srcStride];
                }
                dst[dstStart + i * dstStride] = (float) v;
            }
        }
    }
}
