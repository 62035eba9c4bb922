package io.hwnas.spark.finaltrain;

import io.hwnas.arch.Architecture;
import io.hwnas.transform.CollapseResult;
import io.hwnas.transform.Dl4jParameters;
import io.hwnas.transform.ExactnessOracle;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The deployed (collapsed) net built from a trained training-time net, and how far its outputs are
 * from the trained net's on real images: the collapse is exact, so anything beyond float rounding
 * means the exported model would not be the model that was trained and measured.
 *
 * @param maxAbsDiff largest |Δ| between the two nets' outputs (class probabilities, pixel values) on the check images
 */
public record DeployedForm(Architecture architecture, ComputationGraph graph, double maxAbsDiff, long images) {

    /** The bar for fp32 outputs, the one the transforms' own oracle uses. */
    public static final double TOLERANCE = ExactnessOracle.FP32_TOLERANCE;

    /**
     * Maps {@code trained}'s weights through {@code collapse} and compares both nets in inference
     * mode on {@code features}; refuses (naming the difference) when they disagree beyond {@link #TOLERANCE}.
     *
     * @param what names the net in the error, e.g. "candidate 3"
     */
    public static DeployedForm of(Architecture source, ComputationGraph trained, CollapseResult collapse, long seed,
                                  INDArray features, String what) {
        ComputationGraph deployed = Dl4jParameters.transfer(source, trained, collapse.result(), seed);
        INDArray expected = trained.outputSingle(false, features);
        INDArray actual = deployed.outputSingle(false, features);
        double diff = Transforms.abs(expected.sub(actual)).maxNumber().doubleValue();
        if (!(diff <= TOLERANCE)) {
            throw new IllegalStateException(what + ": the deployed form (" + collapse.applied().size() + " rewrites) "
                    + "differs from the trained net by up to " + diff + " in output on "
                    + features.size(0) + " test images; allowed: " + TOLERANCE);
        }
        return new DeployedForm(collapse.architecture(), deployed, diff, features.size(0));
    }
}
