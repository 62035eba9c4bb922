package io.hwnas.dl4j.onednn;

import org.bytedeco.dnnl.batch_normalization_backward;
import org.bytedeco.dnnl.batch_normalization_forward;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.stream;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.ndarray.INDArray;

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
 * Batch normalisation of one input shape ([n, c] or [n, c, h, w]) with learned scale and shift, stored as DL4J
 * stores them: gamma then beta, contiguous, which is oneDNN's [2, c] scale-shift tensor. Training normalises with
 * the batch statistics and keeps them for the backward pass; inference uses the running statistics.
 */
final class BatchNormKernel {

    private final long channels;
    private final long[] scaleShiftDims;
    private final long[] scaleShiftStrides;
    private final long[] statisticsDims;
    private final long[] statisticsStrides;
    private final float epsilon;
    private final memory.desc data;

    private final batch_normalization_forward.primitive_desc trainingDesc;
    private final Step training;
    private final Operand src;
    private final Operand dst;
    private final Operand scaleShift;
    /** The last training batch's mean and variance: outputs of the forward pass, inputs of the backward pass. */
    private final memory batchMean;
    private final memory batchVariance;
    private final long batchMeanAddress;
    private final long batchVarianceAddress;

    private Inference inference;
    private Backward backward;

    BatchNormKernel(long[] dims, double epsilon) {
        this.channels = dims[1];
        this.epsilon = (float) epsilon;
        scaleShiftDims = new long[] {2, channels};
        scaleShiftStrides = Layouts.rowMajor(scaleShiftDims);
        statisticsDims = new long[] {channels};
        statisticsStrides = Layouts.rowMajor(statisticsDims);
        data = Layouts.canonical(dims);
        trainingDesc = new batch_normalization_forward.primitive_desc(new batch_normalization_forward.desc(
                prop_kind.forward_training.value, data, this.epsilon, normalization_flags.use_scale_shift.value),
                OneDnn.ATTRIBUTES, OneDnn.ENGINE);
        src = new Operand(trainingDesc.src_desc());
        dst = new Operand(trainingDesc.dst_desc());
        scaleShift = new Operand(trainingDesc.weights_desc());
        batchMean = new memory(trainingDesc.mean_desc(), OneDnn.ENGINE);
        batchVariance = new memory(trainingDesc.variance_desc(), OneDnn.ENGINE);
        batchMeanAddress = addressOf(batchMean);
        batchVarianceAddress = addressOf(batchVariance);
        training = new Step(new batch_normalization_forward(trainingDesc), trainingDesc).arg(DNNL_ARG_SRC, src.argument)
                .arg(DNNL_ARG_SCALE_SHIFT, scaleShift.argument).arg(DNNL_ARG_DST, dst.argument)
                .arg(DNNL_ARG_MEAN, batchMean).arg(DNNL_ARG_VARIANCE, batchVariance);
    }

    /** y = gamma·(x − batch mean)/sqrt(batch variance + eps) + beta; keeps the batch statistics. */
    void forwardTraining(INDArray x, long gammaBetaAddress, INDArray y) {
        stream s = OneDnn.stream();
        src.read(x, s);
        scaleShift.read(gammaBetaAddress, scaleShiftDims, scaleShiftStrides, s);
        dst.write(y);
        training.execute(s);
        dst.written(s);
    }

    /** y = gamma·(x − mean)/sqrt(variance + eps) + beta with the given (running) statistics. */
    void forwardInference(INDArray x, long gammaBetaAddress, long meanAddress, long varianceAddress, INDArray y) {
        if (inference == null) {
            inference = new Inference();
        }
        inference.run(x, gammaBetaAddress, meanAddress, varianceAddress, y);
    }

    /** Gradients of the last training forward pass: dx, and d(gamma, beta) written as [2, c] at the address. */
    void backward(INDArray x, long gammaBetaAddress, INDArray dy, INDArray dx, long gammaBetaGradientAddress) {
        if (backward == null) {
            backward = new Backward();
        }
        backward.run(x, gammaBetaAddress, dy, dx, gammaBetaGradientAddress);
    }

    /** The address of the last training batch's per-channel mean (float[c]). */
    long batchMeanAddress() {
        return batchMeanAddress;
    }

    /** The address of the last training batch's per-channel (biased) variance (float[c]). */
    long batchVarianceAddress() {
        return batchVarianceAddress;
    }

    long channels() {
        return channels;
    }

    private static long addressOf(memory m) {
        Pointer handle = m.get_data_handle();
        return handle.address();
    }

    private final class Inference {
        private final Step primitive;
        private final Operand src;
        private final Operand dst;
        private final Operand scaleShift;
        private final Operand mean;
        private final Operand variance;

        Inference() {
            var desc = new batch_normalization_forward.primitive_desc(new batch_normalization_forward.desc(
                    prop_kind.forward_inference.value, data, epsilon,
                    normalization_flags.use_scale_shift.value | normalization_flags.use_global_stats.value),
                    OneDnn.ATTRIBUTES, OneDnn.ENGINE);
            src = new Operand(desc.src_desc());
            dst = new Operand(desc.dst_desc());
            scaleShift = new Operand(desc.weights_desc());
            mean = new Operand(desc.mean_desc());
            variance = new Operand(desc.variance_desc());
            primitive = new Step(new batch_normalization_forward(desc), desc).arg(DNNL_ARG_SRC, src.argument)
                    .arg(DNNL_ARG_SCALE_SHIFT, scaleShift.argument).arg(DNNL_ARG_MEAN, mean.argument)
                    .arg(DNNL_ARG_VARIANCE, variance.argument).arg(DNNL_ARG_DST, dst.argument);
        }

        void run(INDArray x, long gammaBetaAddress, long meanAddress, long varianceAddress, INDArray y) {
            stream s = OneDnn.stream();
            src.read(x, s);
            scaleShift.read(gammaBetaAddress, scaleShiftDims, scaleShiftStrides, s);
            mean.read(meanAddress, statisticsDims, statisticsStrides, s);
            variance.read(varianceAddress, statisticsDims, statisticsStrides, s);
            dst.write(y);
            primitive.execute(s);
            dst.written(s);
        }
    }

    private final class Backward {
        private final Step primitive;
        private final Operand src;
        private final Operand diffDst;
        private final Operand diffSrc;
        private final Operand scaleShift;
        private final Operand diffScaleShift;

        Backward() {
            var desc = new batch_normalization_backward.primitive_desc(new batch_normalization_backward.desc(
                    prop_kind.backward.value, data, data, epsilon, normalization_flags.use_scale_shift.value),
                    OneDnn.ATTRIBUTES, OneDnn.ENGINE, trainingDesc);
            src = new Operand(desc.src_desc());
            diffDst = new Operand(desc.diff_dst_desc());
            diffSrc = new Operand(desc.diff_src_desc());
            scaleShift = new Operand(desc.weights_desc());
            diffScaleShift = new Operand(desc.diff_weights_desc());
            primitive = new Step(new batch_normalization_backward(desc), desc).arg(DNNL_ARG_SRC, src.argument)
                    .arg(DNNL_ARG_MEAN, batchMean).arg(DNNL_ARG_VARIANCE, batchVariance)
                    .arg(DNNL_ARG_DIFF_DST, diffDst.argument).arg(DNNL_ARG_SCALE_SHIFT, scaleShift.argument)
                    .arg(DNNL_ARG_DIFF_SRC, diffSrc.argument).arg(DNNL_ARG_DIFF_SCALE_SHIFT, diffScaleShift.argument);
        }

        void run(INDArray x, long gammaBetaAddress, INDArray dy, INDArray dx, long gammaBetaGradientAddress) {
            stream s = OneDnn.stream();
            src.read(x, s);
            diffDst.read(dy, s);
            scaleShift.read(gammaBetaAddress, scaleShiftDims, scaleShiftStrides, s);
            diffSrc.write(dx);
            diffScaleShift.write(gammaBetaGradientAddress, scaleShiftDims, scaleShiftStrides);
            primitive.execute(s);
            diffSrc.written(s);
            diffScaleShift.written(s);
        }
    }
}
