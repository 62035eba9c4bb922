package io.hwnas.dl4j.onednn;

import org.bytedeco.dnnl.layer_normalization_backward;
import org.bytedeco.dnnl.layer_normalization_forward;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.stream;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SCALE_SHIFT;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_MEAN;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SCALE_SHIFT;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_VARIANCE;
import static org.bytedeco.dnnl.global.dnnl.normalization_flags;
import static org.bytedeco.dnnl.global.dnnl.prop_kind;

/**
 * Layer normalisation of {@code rows} vectors of {@code channels} values each, stored one after another: a
 * canonical [n, c] tensor, or a channels-last [n, c, h, w] one seen as n·h·w rows. Learned scale and shift are
 * DL4J's adjacent gamma and beta ([2, c]). The per-row mean and variance of the last forward pass are kept for
 * the backward pass.
 */
final class LayerNormKernel {

    private final long[] dims;
    private final long[] strides;
    private final long[] scaleShiftDims;
    private final long[] scaleShiftStrides;
    private final float epsilon;
    private final memory.desc data;
    private final layer_normalization_forward.primitive_desc forwardDesc;
    private final Step forward;
    private final Operand src;
    private final Operand dst;
    private final Operand scaleShift;
    private final memory mean;
    private final memory variance;
    private Backward backward;

    LayerNormKernel(long rows, long channels, double epsilon) {
        this.epsilon = (float) epsilon;
        dims = new long[] {rows, channels};
        strides = Layouts.rowMajor(dims);
        scaleShiftDims = new long[] {2, channels};
        scaleShiftStrides = Layouts.rowMajor(scaleShiftDims);
        data = Layouts.canonical(dims);
        forwardDesc = new layer_normalization_forward.primitive_desc(new layer_normalization_forward.desc(
                prop_kind.forward_training, data, this.epsilon, normalization_flags.use_scale_shift),
                OneDnn.ATTRIBUTES, OneDnn.ENGINE);
        src = new Operand(forwardDesc.src_desc());
        dst = new Operand(forwardDesc.dst_desc());
        scaleShift = new Operand(forwardDesc.weights_desc());
        mean = new memory(forwardDesc.mean_desc(), OneDnn.ENGINE);
        variance = new memory(forwardDesc.variance_desc(), OneDnn.ENGINE);
        forward = new Step(new layer_normalization_forward(forwardDesc), forwardDesc).arg(DNNL_ARG_SRC, src.argument)
                .arg(DNNL_ARG_SCALE_SHIFT, scaleShift.argument).arg(DNNL_ARG_DST, dst.argument)
                .arg(DNNL_ARG_MEAN, mean).arg(DNNL_ARG_VARIANCE, variance);
    }

    /** y = gamma·(x − mean)/sqrt(variance + eps) + beta per row; x and y as described above. */
    void forward(long x, long gammaBeta, long y) {
        stream s = OneDnn.stream();
        src.read(x, dims, strides, s);
        scaleShift.read(gammaBeta, scaleShiftDims, scaleShiftStrides, s);
        dst.write(y, dims, strides);
        forward.execute(s);
        dst.written(s);
    }

    /** dx and d(gamma, beta) (written as [2, c] at its address) of the last forward pass from {@code x}. */
    void backward(long x, long gammaBeta, long dy, long dx, long gammaBetaGradient) {
        if (backward == null) {
            backward = new Backward();
        }
        backward.run(x, gammaBeta, dy, dx, gammaBetaGradient);
    }

    private final class Backward {
        private final Step primitive;
        private final Operand src;
        private final Operand diffDst;
        private final Operand diffSrc;
        private final Operand scaleShift;
        private final Operand diffScaleShift;

        Backward() {
            var desc = new layer_normalization_backward.primitive_desc(new layer_normalization_backward.desc(
                    prop_kind.backward, data, data, epsilon, normalization_flags.use_scale_shift),
                    OneDnn.ATTRIBUTES, OneDnn.ENGINE, forwardDesc);
            src = new Operand(desc.src_desc());
            diffDst = new Operand(desc.diff_dst_desc());
            diffSrc = new Operand(desc.diff_src_desc());
            scaleShift = new Operand(desc.weights_desc());
            diffScaleShift = new Operand(desc.diff_weights_desc());
            primitive = new Step(new layer_normalization_backward(desc), desc).arg(DNNL_ARG_SRC, src.argument)
                    .arg(DNNL_ARG_MEAN, mean).arg(DNNL_ARG_VARIANCE, variance).arg(DNNL_ARG_DIFF_DST, diffDst.argument)
                    .arg(DNNL_ARG_SCALE_SHIFT, scaleShift.argument).arg(DNNL_ARG_DIFF_SRC, diffSrc.argument)
                    .arg(DNNL_ARG_DIFF_SCALE_SHIFT, diffScaleShift.argument);
        }

        void run(long x, long gammaBeta, long dy, long dx, long gammaBetaGradient) {
            stream s = OneDnn.stream();
            src.read(x, dims, strides, s);
            diffDst.read(dy, dims, strides, s);
            scaleShift.read(gammaBeta, scaleShiftDims, scaleShiftStrides, s);
            diffSrc.write(dx, dims, strides);
            diffScaleShift.write(gammaBetaGradient, scaleShiftDims, scaleShiftStrides);
            primitive.execute(s);
            diffSrc.written(s);
            diffScaleShift.written(s);
        }
    }
}
