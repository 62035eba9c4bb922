package io.hwnas.dl4j.onednn;

import org.bytedeco.dnnl.eltwise_backward;
import org.bytedeco.dnnl.eltwise_forward;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.stream;
import org.nd4j.linalg.api.ndarray.INDArray;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.prop_kind;

/** An element-wise function (an activation) of one input shape, forward and backward, in the canonical layout. */
final class EltwiseKernel {

    private final Eltwise function;
    private final memory.desc data;
    private final eltwise_forward.primitive_desc forwardDesc;
    private final Step forward;
    private final Operand src;
    private final Operand dst;
    private Backward backward;

    EltwiseKernel(long[] dims, Eltwise function) {
        this.function = function;
        data = Layouts.canonical(dims);
        forwardDesc = new eltwise_forward.primitive_desc(new eltwise_forward.desc(prop_kind.forward_training,
                function.kind(), data, function.alpha(), function.beta()), OneDnn.ATTRIBUTES, OneDnn.ENGINE);
        src = new Operand(forwardDesc.src_desc());
        dst = new Operand(forwardDesc.dst_desc());
        forward = new Step(new eltwise_forward(forwardDesc), forwardDesc).arg(DNNL_ARG_SRC, src.argument)
                .arg(DNNL_ARG_DST, dst.argument);
    }

    void forward(INDArray x, INDArray y) {
        stream s = OneDnn.stream();
        src.read(x, s);
        dst.write(y);
        forward.execute(s);
        dst.written(s);
    }

    /** dx = f'(x)·dy. */
    void backward(INDArray x, INDArray dy, INDArray dx) {
        if (backward == null) {
            backward = new Backward();
        }
        backward.run(x, dy, dx);
    }

    private final class Backward {
        private final Step primitive;
        private final Operand src;
        private final Operand diffDst;
        private final Operand diffSrc;

        Backward() {
            var desc = new eltwise_backward.primitive_desc(new eltwise_backward.desc(function.kind(), data, data,
                    function.alpha(), function.beta()), OneDnn.ATTRIBUTES, OneDnn.ENGINE, forwardDesc);
            src = new Operand(desc.src_desc());
            diffDst = new Operand(desc.diff_dst_desc());
            diffSrc = new Operand(desc.diff_src_desc());
            primitive = new Step(new eltwise_backward(desc), desc).arg(DNNL_ARG_SRC, src.argument)
                    .arg(DNNL_ARG_DIFF_DST, diffDst.argument).arg(DNNL_ARG_DIFF_SRC, diffSrc.argument);
        }

        void run(INDArray x, INDArray dy, INDArray dx) {
            stream s = OneDnn.stream();
            src.read(x, s);
            diffDst.read(dy, s);
            diffSrc.write(dx);
            primitive.execute(s);
            diffSrc.written(s);
        }
    }
}
