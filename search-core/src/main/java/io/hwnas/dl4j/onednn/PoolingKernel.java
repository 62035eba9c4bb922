package io.hwnas.dl4j.onednn;

import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.pooling_v2_backward;
import org.bytedeco.dnnl.pooling_v2_forward;
import org.bytedeco.dnnl.stream;
import org.nd4j.linalg.api.ndarray.INDArray;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WORKSPACE;
import static org.bytedeco.dnnl.global.dnnl.algorithm;
import static org.bytedeco.dnnl.global.dnnl.prop_kind;

/**
 * Max or average (padding counted in the divisor) pooling of one input shape, channels-last. Max pooling keeps
 * oneDNN's workspace (where each maximum came from) between the forward and the backward pass. The output is
 * passed as an address with dims and strides, so global pooling can write its [n, c, 1, 1] result straight into
 * a [n, c] array.
 */
final class PoolingKernel {

    private final WindowGeometry window;
    private final algorithm kind;
    private final memory.desc srcDesc;
    private final memory.desc dstDesc;
    private final pooling_v2_forward.primitive_desc forwardDesc;
    private final Step forward;
    private final Operand src;
    private final Operand dst;
    private final memory workspace;
    private Backward backward;

    PoolingKernel(long batch, long channels, WindowGeometry window, algorithm kind) {
        this.window = window;
        this.kind = kind;
        srcDesc = OneDnn.desc(new long[] {batch, channels, window.inHeight(), window.inWidth()}, memory.format_tag.nhwc);
        dstDesc = OneDnn.desc(outputDims(batch, channels, window), memory.format_tag.nhwc);
        forwardDesc = new pooling_v2_forward.primitive_desc(new pooling_v2_forward.desc(prop_kind.forward_training, kind,
                srcDesc, dstDesc, window.strides(), window.kernelDims(), window.dnnlDilation(), window.padTopLeft(),
                window.padBottomRight()), OneDnn.ATTRIBUTES, OneDnn.ENGINE);
        src = new Operand(forwardDesc.src_desc());
        dst = new Operand(forwardDesc.dst_desc());
        forward = new Step(new pooling_v2_forward(forwardDesc), forwardDesc).arg(DNNL_ARG_SRC, src.argument)
                .arg(DNNL_ARG_DST, dst.argument);
        memory.desc workspaceDesc = forwardDesc.workspace_desc();
        workspace = workspaceDesc.get_size() > 0 ? new memory(workspaceDesc, OneDnn.ENGINE) : null;
        if (workspace != null) {
            forward.arg(DNNL_ARG_WORKSPACE, workspace);
        }
    }

    static long[] outputDims(long batch, long channels, WindowGeometry window) {
        return new long[] {batch, channels, window.outHeight(), window.outWidth()};
    }

    /** Pools {@code x} into the output tensor at {@code yAddress} with these dims (see {@link #outputDims}) and strides. */
    void forward(INDArray x, long yAddress, long[] yDims, long[] yStrides) {
        stream s = OneDnn.stream();
        src.read(x, s);
        dst.write(yAddress, yDims, yStrides);
        forward.execute(s);
        dst.written(s);
    }

    /** dx from the output gradient (with its dims and strides) of the last forward pass. */
    void backward(long dyAddress, long[] dyDims, long[] dyStrides, INDArray dx) {
        if (backward == null) {
            backward = new Backward();
        }
        backward.run(dyAddress, dyDims, dyStrides, dx);
    }

    private final class Backward {
        private final Step primitive;
        private final Operand diffDst;
        private final Operand diffSrc;

        Backward() {
            var desc = new pooling_v2_backward.primitive_desc(new pooling_v2_backward.desc(kind, srcDesc, dstDesc,
                    window.strides(), window.kernelDims(), window.dnnlDilation(), window.padTopLeft(),
                    window.padBottomRight()), OneDnn.ATTRIBUTES, OneDnn.ENGINE, forwardDesc);
            diffDst = new Operand(desc.diff_dst_desc());
            diffSrc = new Operand(desc.diff_src_desc());
            primitive = new Step(new pooling_v2_backward(desc), desc).arg(DNNL_ARG_DIFF_DST, diffDst.argument)
                    .arg(DNNL_ARG_DIFF_SRC, diffSrc.argument);
            if (workspace != null) {
                primitive.arg(DNNL_ARG_WORKSPACE, workspace);
            }
        }

        void run(long dyAddress, long[] dyDims, long[] dyStrides, INDArray dx) {
            stream s = OneDnn.stream();
            diffDst.read(dyAddress, dyDims, dyStrides, s);
            diffSrc.write(dx);
            primitive.execute(s);
            diffSrc.written(s);
        }
    }
}
