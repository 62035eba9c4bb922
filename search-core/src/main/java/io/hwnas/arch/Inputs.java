package io.hwnas.arch;

import java.util.List;

/** Input-arity and shape checks shared by the layer kinds. */
final class Inputs {
    private Inputs() {
    }

    static Shape single(List<Shape> inputs) {
        if (inputs.size() != 1) {
            throw new IllegalArgumentException("field 'inputs' has " + inputs.size() + " entries, expected exactly 1");
        }
        return inputs.get(0);
    }

    static Shape singleSpatial(List<Shape> inputs) {
        Shape in = single(inputs);
        if (!in.spatial()) {
            throw new IllegalArgumentException("input shape " + in + " is flat, expected a C×H×W feature map");
        }
        return in;
    }

    static void atLeastTwo(List<Shape> inputs) {
        if (inputs.size() < 2) {
            throw new IllegalArgumentException("field 'inputs' has " + inputs.size() + " entries, expected at least 2");
        }
    }

    /** Output length of a sliding window (PyTorch/DL4J-truncate arithmetic, symmetric padding). */
    static int windowOutput(String axis, int in, int kernel, int stride, int pad, int dilation) {
        int effective = dilation * (kernel - 1) + 1;
        int out = Math.floorDiv(in + 2 * pad - effective, stride) + 1;
        if (out < 1) {
            throw new IllegalArgumentException("window leaves no output along " + axis + ": input " + in
                    + ", kernel " + kernel + ", stride " + stride + ", padding " + pad + ", dilation " + dilation);
        }
        return out;
    }

    static void positive(String field, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("field '" + field + "' = " + value + " must be > 0");
        }
    }

    static void positive(String field, Size2 value) {
        if (value.h() <= 0 || value.w() <= 0) {
            throw new IllegalArgumentException("field '" + field + "' = " + value + " must be > 0");
        }
    }

    static <T> T orDefault(T value, T fallback) {
        return value == null ? fallback : value;
    }

    static <T> T required(String field, T value) {
        if (value == null) {
            throw new IllegalArgumentException("field '" + field + "' is required");
        }
        return value;
    }
}
