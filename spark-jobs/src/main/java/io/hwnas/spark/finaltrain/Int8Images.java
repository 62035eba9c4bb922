package io.hwnas.spark.finaltrain;

import io.hwnas.onnx.Calibration;
import io.hwnas.onnx.Int8Accuracy;
import io.hwnas.onnx.OnnxModel;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What int8 quantisation of a classifier needs of its data: training images to calibrate the activation ranges on and
 * the labelled test images both models are scored on, in ONNX Runtime.
 *
 * @param calibration   training images (NCHW), a seeded draw of {@link #CALIBRATION_IMAGES}
 * @param test          the scored test images (NCHW)
 * @param labels        their classes
 * @param calibratedOn  what {@code calibration} is, for the manifest
 */
public record Int8Images(INDArray calibration, INDArray test, int[] labels, String calibratedOn) {
    /** "A few hundred training images": enough that the ranges settle (percentile clips at 1 in 20,000 values). */
    public static final int CALIBRATION_IMAGES = 500;

    public Int8Images {
        if (test.size(0) != labels.length) {
            throw new IllegalArgumentException(test.size(0) + " test images but " + labels.length + " labels");
        }
        labels = labels.clone();
    }

    @Override
    public int[] labels() {
        return labels.clone();
    }

    /** {@code fp32} quantised with {@link Calibration#STANDARD} on these images, both scored on the test images. */
    public Int8Accuracy measure(OnnxModel fp32) {
        return Int8Accuracy.measure(fp32, calibration, Calibration.STANDARD, test, labels);
    }
}
