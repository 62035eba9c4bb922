package io.hwnas.onnx;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A classifier's test accuracy in ONNX Runtime as fp32 and as int8 ({@link Int8Quantizer}), on the same images.
 *
 * @param fp32   top-1 accuracy of the fp32 ONNX model
 * @param int8   top-1 accuracy of its int8 QDQ model
 * @param images test images both were scored on
 * @param int8Model the int8 model scored
 */
public record Int8Accuracy(double fp32, double int8, long images, Int8Model int8Model) {

    /** What int8 costs: fp32 − int8 accuracy (negative when int8 happened to score higher). */
    public double drop() {
        return fp32 - int8;
    }

    /**
     * Quantises {@code fp32} with {@code calibration} images and scores both models on {@code test} (NCHW) and its
     * {@code labels} in ONNX Runtime.
     */
    public static Int8Accuracy measure(OnnxModel fp32, INDArray calibration, Calibration method, INDArray test,
                                       int[] labels) {
        Int8Model int8 = Int8Quantizer.quantize(fp32, calibration, method);
        return new Int8Accuracy(OnnxAccuracy.top1(fp32, test, labels), OnnxAccuracy.top1(int8.model(), test, labels),
                test.size(0), int8);
    }
}
