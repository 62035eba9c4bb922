package io.hwnas.dl4j.onednn;

/**
 * A sliding window over an H×W image (a convolution's kernel or a pooling window) with DL4J's "truncate"
 * output size: out = floor((in + 2·pad − ((k − 1)·dilation + 1)) / stride) + 1. oneDNN wants the bottom/right
 * padding that gives exactly that size; it is negative when the last rows or columns are never covered.
 */
record WindowGeometry(long inHeight, long inWidth, int[] kernel, int[] stride, int[] padding, int[] dilation) {

    WindowGeometry {
        for (int i = 0; i < 2; i++) {
            if (kernel[i] < 1 || stride[i] < 1 || padding[i] < 0 || dilation[i] < 1) {
                throw new IllegalArgumentException("window kernel " + kernel[i] + ", stride " + stride[i] + ", padding "
                        + padding[i] + ", dilation " + dilation[i] + " (kernel, stride, dilation >= 1, padding >= 0)");
            }
        }
        if (outSize(inHeight, 0, kernel, stride, padding, dilation) < 1
                || outSize(inWidth, 1, kernel, stride, padding, dilation) < 1) {
            throw new IllegalArgumentException("window " + kernel[0] + "x" + kernel[1] + " does not fit a "
                    + inHeight + "x" + inWidth + " input");
        }
    }

    long outHeight() {
        return outSize(inHeight, 0, kernel, stride, padding, dilation);
    }

    long outWidth() {
        return outSize(inWidth, 1, kernel, stride, padding, dilation);
    }

    long[] strides() {
        return new long[] {stride[0], stride[1]};
    }

    /** oneDNN counts dilation from 0 (no gaps). */
    long[] dnnlDilation() {
        return new long[] {dilation[0] - 1, dilation[1] - 1};
    }

    long[] padTopLeft() {
        return new long[] {padding[0], padding[1]};
    }

    long[] padBottomRight() {
        return new long[] {padEnd(inHeight, outHeight(), 0), padEnd(inWidth, outWidth(), 1)};
    }

    long[] kernelDims() {
        return new long[] {kernel[0], kernel[1]};
    }

    private long padEnd(long in, long out, int axis) {
        return (out - 1) * stride[axis] + (long) (kernel[axis] - 1) * dilation[axis] + 1 - in - padding[axis];
    }

    private static long outSize(long in, int axis, int[] kernel, int[] stride, int[] padding, int[] dilation) {
        long span = (long) (kernel[axis] - 1) * dilation[axis] + 1;
        return Math.floorDiv(in + 2L * padding[axis] - span, stride[axis]) + 1;
    }
}
