package io.hwnas.dl4j.onednn;

import org.bytedeco.dnnl.binary;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.stream;
import org.nd4j.linalg.api.ndarray.INDArray;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC_0;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC_1;
import static org.bytedeco.dnnl.global.dnnl.algorithm;

/**
 * Element-wise sum of equally shaped tensors (a residual add) and the copy its backward pass needs, in the
 * canonical layout. More than two inputs are added one at a time into the output.
 */
final class AddKernel {

    private final Step add;
    private final Operand first;
    private final Operand second;
    private final Operand sum;
    private final CopyKernel copy;

    AddKernel(long[] dims) {
        memory.desc data = Layouts.canonical(dims);
        var desc = new binary.primitive_desc(new binary.desc(algorithm.binary_add, data, data, data),
                OneDnn.ATTRIBUTES, OneDnn.ENGINE);
        first = new Operand(desc.src_desc(0));
        second = new Operand(desc.src_desc(1));
        sum = new Operand(desc.dst_desc());
        add = new Step(new binary(desc), desc).arg(DNNL_ARG_SRC_0, first.argument).arg(DNNL_ARG_SRC_1, second.argument)
                .arg(DNNL_ARG_DST, sum.argument);
        copy = new CopyKernel(dims);
    }

    /** y = x[0] + x[1] + …; {@code y} is canonical. */
    void forward(INDArray[] x, INDArray y) {
        stream s = OneDnn.stream();
        for (int i = 1; i < x.length; i++) {
            first.read(i == 1 ? x[0] : y, s);
            second.read(x[i], s);
            sum.write(y);
            add.execute(s);
            sum.written(s);
        }
    }

    /** to = from, {@code to} canonical: each input of the sum gets its own copy of the gradient. */
    void copy(INDArray from, INDArray to) {
        copy.copy(from, to);
    }
}
