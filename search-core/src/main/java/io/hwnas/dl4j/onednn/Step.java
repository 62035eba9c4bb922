package io.hwnas.dl4j.onednn;

import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.primitive;
import org.bytedeco.dnnl.primitive_desc_base;
import org.bytedeco.dnnl.stream;
import org.bytedeco.javacpp.Pointer;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SCRATCHPAD;

/** A primitive with its fixed argument map, run with the calling thread's {@link Scratchpad}. */
final class Step {

    private final primitive primitive;
    private final IntMemoryMap args = new IntMemoryMap();
    private final memory scratchpad;
    private final long scratchpadBytes;

    Step(primitive primitive, primitive_desc_base desc) {
        this.primitive = primitive;
        memory.desc scratch = desc.scratchpad_desc();
        scratchpadBytes = scratch.get_size();
        scratchpad = scratchpadBytes > 0 ? new memory(scratch, OneDnn.ENGINE, (Pointer) null) : null;
        if (scratchpad != null) {
            args.put(DNNL_ARG_SCRATCHPAD, scratchpad);
        }
    }

    Step arg(int id, memory value) {
        args.put(id, value);
        return this;
    }

    void execute(stream stream) {
        if (scratchpad != null) {
            scratchpad.set_data_handle(Scratchpad.atLeast(scratchpadBytes));
        }
        primitive.execute(stream, args);
    }
}
