package io.hwnas.dl4j.onednn;

import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.primitive_attr;
import org.bytedeco.dnnl.stream;
import org.nd4j.linalg.api.buffer.DataType;

import static org.bytedeco.dnnl.global.dnnl.scratchpad_mode;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The oneDNN CPU engine of this JVM, one stream per thread, and the facts about INDArrays that oneDNN needs.
 *
 * <p>Why hwnas calls oneDNN itself (docs/performance.md has the measurements): DL4J 1.0.0-M2's oneDNN layer
 * helpers are off by default, and when switched on their availability check looks for a class that M2 renamed,
 * so convolutions run as im2col + GEMM with dozens of ND4J ops each. libnd4j's own conv2d op does use oneDNN, but
 * it builds a new primitive descriptor and reorders NCHW↔NHWC on every call, about 1 ms of overhead per call. The
 * layers in this package create their primitives once per shape and keep activations channels-last.
 *
 * <p>Threads: oneDNN here runs on the OpenMP runtime it shares with libnd4j, so the per-thread OpenMP thread
 * count that {@link io.hwnas.dl4j.Nd4jThreads#limit} sets applies to it too.
 */
public final class OneDnn {

    static final engine ENGINE = new engine(engine.kind.cpu, 0);
    /** Every primitive's attributes: a user-managed scratchpad (see {@link Scratchpad}). */
    static final primitive_attr ATTRIBUTES = new primitive_attr();

    static {
        ATTRIBUTES.set_scratchpad_mode(scratchpad_mode.user);
    }
    /** oneDNN streams are not thread-safe; on a CPU engine they execute synchronously on the calling thread. */
    private static final ThreadLocal<stream> STREAMS = ThreadLocal.withInitial(() -> new stream(ENGINE));

    private OneDnn() {
    }

    static stream stream() {
        return STREAMS.get();
    }

    static memory.desc desc(long[] dims, memory.format_tag tag) {
        return new memory.desc(dims, memory.data_type.f32, tag);
    }

    /** The layout {@code array} actually has: its shape and strides in elements. */
    static memory.desc desc(INDArray array) {
        return new memory.desc(array.shape(), memory.data_type.f32, array.stride());
    }

    /** Address of the array's first element (views carry their offset separately from their buffer). */
    static long address(INDArray array) {
        requireFloat(array);
        return array.data().address() + array.offset() * Float.BYTES;
    }

    /**
     * The address of {@code first}, which must be immediately followed in memory by {@code second}: batch and layer
     * norm's gamma and beta in DL4J's flattened parameters (and gradients) are oneDNN's [2, c] scale-shift tensor.
     */
    static long adjacent(INDArray first, INDArray second) {
        long address = address(first);
        if (address(second) != address + first.length() * Float.BYTES) {
            throw new IllegalStateException("scale and shift are not adjacent in memory");
        }
        return address;
    }

    static void requireFloat(INDArray array) {
        if (array.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("hwnas's oneDNN layers compute in FLOAT, got " + array.dataType());
        }
    }
}
