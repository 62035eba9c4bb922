package io.hwnas.dl4j.onednn;

import org.bytedeco.dnnl.memory;
import org.bytedeco.javacpp.Pointer;

/**
 * One scratch buffer per thread, shared by every primitive the thread runs and grown to the largest need. The
 * primitives are created with a user-managed scratchpad ({@link OneDnn#ATTRIBUTES}): left to oneDNN, this
 * build allocates and frees each primitive's scratchpad on every execution, which cost a ResNet-18 mini's
 * convolutions 9 ms per batch on top of 11 ms of computing.
 */
final class Scratchpad {

    private static final ThreadLocal<Scratchpad> THREAD = ThreadLocal.withInitial(Scratchpad::new);

    private memory buffer;
    private Pointer handle;
    private long bytes;

    private Scratchpad() {
    }

    /** The calling thread's buffer, at least {@code bytes} long; valid until the next call on this thread. */
    static Pointer atLeast(long bytes) {
        Scratchpad s = THREAD.get();
        if (bytes > s.bytes) {
            s.buffer = new memory(new memory.desc(new long[] {bytes}, memory.data_type.u8, memory.format_tag.a),
                    OneDnn.ENGINE);
            s.handle = s.buffer.get_data_handle();
            s.bytes = bytes;
        }
        return s.handle;
    }
}
