package io.hwnas.dl4j.onednn;

import org.bytedeco.dnnl.convolution_backward_data;
import org.bytedeco.dnnl.convolution_backward_weights;
import org.bytedeco.dnnl.convolution_forward;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.stream;
import org.nd4j.linalg.api.ndarray.INDArray;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.algorithm;
import static org.bytedeco.dnnl.global.dnnl.prop_kind;

/**
 * A (grouped) 2-D convolution of one batch size and input size: forward, backward-data and backward-weights
 * primitives created once and reused. Activations are NHWC in memory; the weights keep the layout of the layer's
 * parameter array (described by {@code weightDims}/{@code weightStrides}) and are reordered to whatever blocked
 * layout oneDNN chose, which costs little next to the convolution.
 */
final class ConvolutionKernel {


    private final long[] weightDims;
    private final long[] weightStrides;
    private final long[] srcDims;
    private final long[] dstDims;
    /** DL4J's bias is [1, out]; oneDNN's is [out]. */
    private final long[] biasDims;
    private final long[] biasStrides = {1};
    private final boolean hasBias;
    private final memory.desc srcDesc;
    private final memory.desc dstDesc;
    private final memory.desc weightsAny;
    private final memory.desc biasDesc;
    private final WindowGeometry window;

    private final convolution_forward.primitive_desc forwardDesc;
    private final Step forward;
    private final Operand src;
    private final Operand weights;
    private final Operand bias;
    private final Operand dst;

    private Backward backward;

    /**
     * @param weightDims the logical weight dims oneDNN uses: [out, in, kh, kw], or [groups, out/groups,
     *     in/groups, kh, kw] when grouped
     * @param weightStrides the strides of the layer's weight array in those dims
     */
    ConvolutionKernel(long batch, long inChannels, long outChannels, WindowGeometry window, boolean hasBias,
                      long[] weightDims, long[] weightStrides) {
        this.window = window;
        this.hasBias = hasBias;
        this.weightDims = weightDims.clone();
        this.weightStrides = weightStrides.clone();
        srcDims = new long[] {batch, inChannels, window.inHeight(), window.inWidth()};
        dstDims = new long[] {batch, outChannels, window.outHeight(), window.outWidth()};
        srcDesc = OneDnn.desc(srcDims, memory.format_tag.nhwc);
        dstDesc = OneDnn.desc(dstDims, memory.format_tag.nhwc);
        weightsAny = OneDnn.desc(weightDims, memory.format_tag.any);
        biasDims = new long[] {outChannels};
        biasDesc = hasBias ? OneDnn.desc(biasDims, memory.format_tag.x) : new memory.desc();
        forwardDesc = new convolution_forward.primitive_desc(new convolution_forward.desc(prop_kind.forward_training,
                algorithm.convolution_direct, srcDesc, weightsAny, biasDesc, dstDesc, window.strides(),
                window.dnnlDilation(), window.padTopLeft(), window.padBottomRight()), OneDnn.ATTRIBUTES, OneDnn.ENGINE);
        src = new Operand(forwardDesc.src_desc());
        weights = new Operand(forwardDesc.weights_desc());
        bias = hasBias ? new Operand(biasDesc) : null;
        dst = new Operand(forwardDesc.dst_desc());
        forward = new Step(new convolution_forward(forwardDesc), forwardDesc).arg(DNNL_ARG_SRC, src.argument)
                .arg(DNNL_ARG_WEIGHTS, weights.argument).arg(DNNL_ARG_DST, dst.argument);
        if (hasBias) {
            forward.arg(DNNL_ARG_BIAS, bias.argument);
        }
    }

    long[] outputDims() {
        return dstDims.clone();
    }

    /** y = conv(x, w) + b; {@code b} is ignored without bias. */
    void forward(INDArray x, INDArray w, INDArray b, INDArray y) {
        stream s = OneDnn.stream();
        src.read(x, s);
        weights.read(OneDnn.address(w), weightDims, weightStrides, s);
        if (hasBias) {
            bias.read(OneDnn.address(b), biasDims, biasStrides, s);
        }
        dst.write(y);
        forward.execute(s);
        dst.written(s);
    }

    /**
     * Gradients of a forward pass from {@code x}: {@code dx} (skipped when null), {@code dw} (laid out like the
     * weights) and {@code db} (without bias: ignored).
     */
    void backward(INDArray x, INDArray w, INDArray dy, INDArray dx, INDArray dw, INDArray db) {
        if (backward == null) {
            backward = new Backward();
        }
        backward.run(x, w, dy, dx, dw, db);
    }

    /** The backward primitives, made on the first backward pass so inference-only use never builds them. */
    private final class Backward {
        private final Step data;
        private final Step weightGrad;
        private final Operand diffDst;
        private final Operand weightsForData;
        private final Operand diffSrc;
        private final Operand srcForWeights;
        private final Operand diffDstForWeights;
        private final Operand diffWeights;
        private final Operand diffBias;

        Backward() {
            var dataDesc = new convolution_backward_data.primitive_desc(new convolution_backward_data.desc(
                    algorithm.convolution_direct, srcDesc, weightsAny, dstDesc, window.strides(), window.dnnlDilation(),
                    window.padTopLeft(), window.padBottomRight()), OneDnn.ATTRIBUTES, OneDnn.ENGINE, forwardDesc);
            var weightDesc = new convolution_backward_weights.primitive_desc(new convolution_backward_weights.desc(
                    algorithm.convolution_direct, srcDesc, weightsAny, biasDesc, dstDesc, window.strides(),
                    window.dnnlDilation(), window.padTopLeft(), window.padBottomRight()), OneDnn.ATTRIBUTES, OneDnn.ENGINE,
                    forwardDesc);
            diffDst = new Operand(dataDesc.diff_dst_desc());
            weightsForData = new Operand(dataDesc.weights_desc());
            diffSrc = new Operand(dataDesc.diff_src_desc());
            srcForWeights = new Operand(weightDesc.src_desc());
            diffDstForWeights = new Operand(weightDesc.diff_dst_desc());
            diffWeights = new Operand(weightDesc.diff_weights_desc());
            diffBias = hasBias ? new Operand(weightDesc.diff_bias_desc()) : null;
            data = new Step(new convolution_backward_data(dataDesc), dataDesc).arg(DNNL_ARG_DIFF_DST, diffDst.argument)
                    .arg(DNNL_ARG_WEIGHTS, weightsForData.argument).arg(DNNL_ARG_DIFF_SRC, diffSrc.argument);
            weightGrad = new Step(new convolution_backward_weights(weightDesc), weightDesc)
                    .arg(DNNL_ARG_SRC, srcForWeights.argument).arg(DNNL_ARG_DIFF_DST, diffDstForWeights.argument)
                    .arg(DNNL_ARG_DIFF_WEIGHTS, diffWeights.argument);
            if (hasBias) {
                weightGrad.arg(DNNL_ARG_DIFF_BIAS, diffBias.argument);
            }
        }

        void run(INDArray x, INDArray w, INDArray dy, INDArray dx, INDArray dw, INDArray db) {
            stream s = OneDnn.stream();
            if (dx != null) {
                diffDst.read(dy, s);
                weightsForData.read(OneDnn.address(w), weightDims, weightStrides, s);
                diffSrc.write(dx);
                data.execute(s);
                diffSrc.written(s);
            }
            srcForWeights.read(x, s);
            diffDstForWeights.read(dy, s);
            diffWeights.write(OneDnn.address(dw), weightDims, weightStrides);
            if (hasBias) {
                diffBias.write(OneDnn.address(db), biasDims, biasStrides);
            }
            weightGrad.execute(s);
            diffWeights.written(s);
            if (hasBias) {
                diffBias.written(s);
            }
        }
    }
}
