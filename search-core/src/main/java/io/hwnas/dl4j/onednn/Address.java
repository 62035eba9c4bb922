package io.hwnas.dl4j.onednn;

import org.bytedeco.javacpp.FloatPointer;

/**
 * A float pointer that only carries an address, re-aimed for every use instead of allocated: it points oneDNN
 * memories at INDArray buffers and copies short vectors (per-channel statistics) in and out of native memory.
 */
final class Address extends FloatPointer {

    Address() {
        super((FloatPointer) null);
    }

    Address at(long value) {
        address = value;
        position = 0;
        limit = Long.MAX_VALUE;
        capacity = Long.MAX_VALUE;
        return this;
    }

    void read(long from, float[] into) {
        at(from).get(into);
    }

    void write(float[] from, long to) {
        at(to).put(from);
    }
}
