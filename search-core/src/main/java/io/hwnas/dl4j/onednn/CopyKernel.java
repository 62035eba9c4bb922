package io.hwnas.dl4j.onednn;

import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.dnnl.stream;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A copy of a tensor of one shape from any layout into the canonical one (a oneDNN reorder, memcpy when equal). */
final class CopyKernel {

    private final Operand from;
    private final Operand to;
    private final reorder copy;

    CopyKernel(long[] dims) {
        memory.desc canonical = Layouts.canonical(dims);
        from = new Operand(canonical);
        to = new Operand(canonical);
        copy = new reorder(from.argument, to.argument);
    }

    void copy(INDArray source, INDArray target) {
        stream s = OneDnn.stream();
        from.read(source, s);
        to.write(target);
        copy.execute(s, from.argument, to.argument);
        to.written(s);
    }
}
