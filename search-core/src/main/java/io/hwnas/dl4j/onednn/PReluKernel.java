package io.hwnas.dl4j.onednn;

import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.prelu_backward;
import org.bytedeco.dnnl.prelu_forward;
import org.bytedeco.dnnl.stream;
import org.nd4j.linalg.api.ndarray.INDArray;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.prop_kind;

/**
 * PReLU with one slope per channel (axis 1) for one input shape, forward and backward, in the canonical layout:
 * y = x for x > 0, a_c·x otherwise; the backward gives dx and da (summed over every other axis) in one pass.
 */
final class PReluKernel {

    private final long[] slopeDims;
    private final long[] slopeStrides;
    private final memory.desc data;
    private final memory.desc slopes;
    private final prelu_forward.primitive_desc forwardDesc;
    private final Step forward;
    private final Operand src;
    private final Operand weights;
    private final Operand dst;
    private Backward backward;

    /** @param dims the input's logical dims, channels on axis 1 */
    PReluKernel(long[] dims) {
        slopeDims = new long[dims.length];
        java.util.Arrays.fill(slopeDims, 1);
        slopeDims[1] = dims[1];
        slopeStrides = Layouts.rowMajor(slopeDims);
        data = Layouts.canonical(dims);
        slopes = OneDnn.desc(slopeDims, dims.length == 4 ? memory.format_tag.nchw : memory.format_tag.ab);
        forwardDesc = new prelu_forward.primitive_desc(new prelu_forward.desc(prop_kind.forward_training, data, slopes),
                OneDnn.ATTRIBUTES, OneDnn.ENGINE);
        src = new Operand(forwardDesc.src_desc());
        weights = new Operand(slopes);
        dst = new Operand(forwardDesc.dst_desc());
        forward = new Step(new prelu_forward(forwardDesc), forwardDesc).arg(DNNL_ARG_SRC, src.argument)
                .arg(DNNL_ARG_WEIGHTS, weights.argument).arg(DNNL_ARG_DST, dst.argument);
    }

    /** y = prelu(x) with the slopes {@code a} (any shape holding one value per channel, contiguous). */
    void forward(INDArray x, INDArray a, INDArray y) {
        stream s = OneDnn.stream();
        src.read(x, s);
        weights.read(OneDnn.address(a), slopeDims, slopeStrides, s);
        dst.write(y);
        forward.execute(s);
        dst.written(s);
    }

    /** dx and da (written into {@code da}, laid out as {@code a}) from dy. */
    void backward(INDArray x, INDArray a, INDArray dy, INDArray dx, INDArray da) {
        if (backward == null) {
            backward = new Backward();
        }
        backward.run(x, a, dy, dx, da);
    }

    private final class Backward {
        private final Step primitive;
        private final Operand src;
        private final Operand weights;
        private final Operand diffDst;
        private final Operand diffSrc;
        private final Operand diffWeights;

        Backward() {
            var desc = new prelu_backward.primitive_desc(new prelu_backward.desc(data, slopes, data, slopes),
                    OneDnn.ATTRIBUTES, OneDnn.ENGINE, forwardDesc);
            src = new Operand(desc.src_desc());
            weights = new Operand(slopes);
            diffDst = new Operand(desc.diff_dst_desc());
            diffSrc = new Operand(desc.diff_src_desc());
            diffWeights = new Operand(slopes);
            primitive = new Step(new prelu_backward(desc), desc).arg(DNNL_ARG_SRC, src.argument)
                    .arg(DNNL_ARG_WEIGHTS, weights.argument).arg(DNNL_ARG_DIFF_DST, diffDst.argument)
                    .arg(DNNL_ARG_DIFF_SRC, diffSrc.argument).arg(DNNL_ARG_DIFF_WEIGHTS, diffWeights.argument);
        }

        void run(INDArray x, INDArray a, INDArray dy, INDArray dx, INDArray da) {
            stream s = OneDnn.stream();
            src.read(x, s);
            weights.read(OneDnn.address(a), slopeDims, slopeStrides, s);
            diffDst.read(dy, s);
            diffSrc.write(dx);
            diffWeights.write(OneDnn.address(da), slopeDims, slopeStrides);
            primitive.execute(s);
            diffSrc.written(s);
            diffWeights.written(s);
        }
    }
}
