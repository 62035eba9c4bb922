package io.hwnas.onnx;

import io.hwnas.arch.Architecture;
import io.hwnas.transform.CollapseResult;
import io.hwnas.transform.Dl4jParameters;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trained classifier as it would ship in int8: its training-time weights mapped into the deployed (collapsed,
 * batch-norm-folded) graph, exported to ONNX, quantised with {@link Calibration#STANDARD} and scored in ONNX Runtime.
 * Only the int8 model is scored: a sweep compares it with the fp32 accuracy it measured itself, and a second fp32
 * scoring in ONNX Runtime would cost every candidate a pass over its validation images.
 */
public final class DeployedInt8 {

    private DeployedInt8() {
    }

    /**
     * The int8 model's top-1 accuracy on {@code test}.
     *
     * @param source      the trained net's (training-time) architecture
     * @param collapse    its deployed form and the weight mapping into it
     * @param seed        builds the deployed graph (every weight is then overwritten by the mapping)
     * @param calibration training images (NCHW) the activation ranges are calibrated on
     * @param test        scored images (NCHW), with their {@code labels}
     */
    public static double accuracy(Architecture source, ComputationGraph trained, CollapseResult collapse,
                                  long seed, INDArray calibration, INDArray test, int[] labels) {
        ComputationGraph deployed = collapse.applied().isEmpty() ? trained
                : Dl4jParameters.transfer(source, trained, collapse.result(), seed);
        Int8Model int8 = Int8Quantizer.quantize(OnnxExport.of(collapse.architecture(), deployed), calibration,
                Calibration.STANDARD);
        return OnnxAccuracy.top1(int8.model(), test, labels);
    }
}
