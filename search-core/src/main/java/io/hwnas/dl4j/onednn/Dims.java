package io.hwnas.dl4j.onednn;

import java.util.Arrays;

/** A tensor's logical dims as a map key (kernels are made per input shape). */
record Dims(long[] values) {

    Dims {
        values = values.clone();
    }

    @Override
    public long[] values() {
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Dims d && Arrays.equals(values, d.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return Arrays.toString(values);
    }
}
