package io.hwnas.transform;

import java.io.Serializable;
import java.util.Arrays;

/**
 * An immutable dense tensor of doubles in row-major order. Weight transforms compute in double so
 * that the only rounding a rewrite adds is the final cast to the framework's float.
 */
public final class Tensor implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int[] shape;
    private final double[] data;

    private Tensor(double[] data, int[] shape) {
        long size = 1;
        for (int d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException("tensor dimensions must be > 0, got " + Arrays.toString(shape));
            }
            size *= d;
        }
        if (size != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + size
                    + " values, got " + data.length);
        }
        this.shape = shape;
        this.data = data;
    }

    public static Tensor of(double[] data, int... shape) {
        return new Tensor(data.clone(), shape.clone());
    }

    public static Tensor zeros(int... shape) {
        long size = 1;
        for (int d : shape) {
            size *= Math.max(d, 0);
        }
        return new Tensor(new double[Math.toIntExact(size)], shape.clone());
    }

    /** Takes ownership of {@code data}; callers in this package never touch it afterwards. */
    static Tensor wrap(double[] data, int... shape) {
        return new Tensor(data, shape.clone());
    }

    public int rank() {
        return shape.length;
    }

    public int dim(int axis) {
        return shape[axis];
    }

    public int[] shape() {
        return shape.clone();
    }

    public int size() {
        return data.length;
    }

    /** The value at a row-major flat index. */
    public double at(int flatIndex) {
        return data[flatIndex];
    }

    public double[] toArray() {
        return data.clone();
    }

    /** Read-only view for the math in this package; copying here would dominate the cost of small rewrites. */
    double[] raw() {
        return data;
    }

    public boolean allZero() {
        for (double v : data) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Tensor" + Arrays.toString(shape);
    }
}
