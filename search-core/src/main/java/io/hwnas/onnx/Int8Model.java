package io.hwnas.onnx;

/**
 * An int8 QDQ model of an fp32 export and how it was made.
 *
 * @param model              the QDQ model (same input and output names as the fp32 one)
 * @param calibration        how the activation ranges were chosen
 * @param calibrationImages  the images they were measured on
 * @param int8Activations    activation tensors quantised (per tensor, affine)
 * @param int8Weights        Conv and Gemm weights stored in int8 (per output channel, symmetric)
 */
public record Int8Model(OnnxModel model, Calibration calibration, long calibrationImages, int int8Activations,
                        int int8Weights) {
    public Int8Model {
        if (calibrationImages < 1 || int8Activations < 1) {
            throw new IllegalArgumentException("calibrationImages " + calibrationImages + " and int8Activations "
                    + int8Activations + " must be >= 1");
        }
    }
}
