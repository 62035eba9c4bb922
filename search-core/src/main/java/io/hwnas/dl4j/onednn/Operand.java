package io.hwnas.dl4j.onednn;

import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.dnnl.stream;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/**
 * One memory argument of a oneDNN primitive, read from or written to an INDArray. The primitive always sees
 * {@link #argument}, laid out as it wants. When the array already has that layout the memory points at the array
 * itself; otherwise it points at a buffer oneDNN owns, with a cached reorder between that buffer and the array.
 * Pointing a memory at an address costs one JNI call, so the common, in-place case adds no copies.
 */
final class Operand {

    private final memory.desc wanted;
    /** What the primitive's argument map holds. */
    final memory argument;
    private final Address address = new Address();

    private memory buffer;
    private Pointer bufferHandle;

    // the array layout seen last and how data moves between it and the wanted layout
    private long[] dims;
    private long[] strides;
    private boolean inPlace;
    private memory user;
    private reorder toWanted;
    private reorder fromWanted;

    private long pendingOutput;

    Operand(memory.desc wanted) {
        this.wanted = wanted;
        this.argument = new memory(wanted, OneDnn.ENGINE, (Pointer) null);
    }

    /** Before an execution: the primitive reads {@code array}. */
    void read(INDArray array, stream stream) {
        read(OneDnn.address(array), array.shape(), array.stride(), stream);
    }

    /** Before an execution: the primitive reads the tensor at {@code address} with these logical dims and strides. */
    void read(long address, long[] dims, long[] strides, stream stream) {
        layout(dims, strides);
        if (inPlace) {
            argument.set_data_handle(this.address.at(address));
            return;
        }
        user.set_data_handle(this.address.at(address));
        if (toWanted == null) {
            toWanted = new reorder(user, buffer());
        }
        toWanted.execute(stream, user, buffer);
        argument.set_data_handle(bufferHandle);
    }

    /** Before an execution: the primitive writes {@code array}; call {@link #written} after it. */
    void write(INDArray array) {
        write(OneDnn.address(array), array.shape(), array.stride());
    }

    void write(long address, long[] dims, long[] strides) {
        layout(dims, strides);
        if (inPlace) {
            argument.set_data_handle(this.address.at(address));
            pendingOutput = 0;
        } else {
            buffer();
            argument.set_data_handle(bufferHandle);
            pendingOutput = address;
        }
    }

    /** After an execution: copies the result to the array given to {@link #write} when it was not written in place. */
    void written(stream stream) {
        if (pendingOutput == 0) {
            return;
        }
        user.set_data_handle(address.at(pendingOutput));
        if (fromWanted == null) {
            fromWanted = new reorder(buffer, user);
        }
        fromWanted.execute(stream, buffer, user);
        pendingOutput = 0;
    }

    private void layout(long[] dims, long[] strides) {
        if (Arrays.equals(dims, this.dims) && Arrays.equals(strides, this.strides)) {
            return;
        }
        memory.desc actual = new memory.desc(dims, memory.data_type.f32, strides);
        this.dims = dims.clone();
        this.strides = strides.clone();
        inPlace = actual.equals(wanted);
        user = inPlace ? null : new memory(actual, OneDnn.ENGINE, (Pointer) null);
        toWanted = null;
        fromWanted = null;
    }

    private memory buffer() {
        if (buffer == null) {
            buffer = new memory(wanted, OneDnn.ENGINE);
            bufferHandle = buffer.get_data_handle();
        }
        return buffer;
    }
}
