package io.hwnas.spark.finaltrain;

import io.hwnas.arch.Architecture;
import io.hwnas.arch.Node;
import io.hwnas.arch.zoo.YoloDetector;
import io.hwnas.sr.Task;
import io.hwnas.transform.CollapseResult;
import io.hwnas.transform.Dl4jParameters;
import io.hwnas.transform.ExactnessOracle;
import io.hwnas.transform.OracleReport;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.List;
import java.util.Map;

/**
 * The deployed (collapsed) net built from a trained training-time net, and how far its outputs are
 * from the trained net's on real images: the collapse is exact, so anything beyond float rounding
 * means the exported model would not be the model that was trained and measured.
 *
 * @param maxAbsDiff largest |Δ| between the two nets' outputs (class probabilities, pixel values, a detector's
 *     prediction maps) on the check images
 */
public record DeployedForm(Architecture architecture, ComputationGraph graph, double maxAbsDiff, long images) {

    /**
     * The bar for fp32 outputs while activations stay within ±10, then 1e-5 of the largest |activation|: the one the
     * transforms' own oracle applies to whole networks ({@link OracleReport#fp32Bar}). A detector's activations reach
     * tens, and folding its 36 batch norms alone then differs by about 1e-4 in its prediction maps.
     */
    public static final double TOLERANCE = ExactnessOracle.FP32_TOLERANCE;
    private static final int CHUNK = 32;

    /**
     * Maps {@code trained}'s weights through {@code collapse} into a graph of the deployed architecture built as
     * {@code task} builds one, and compares both nets' outputs (all of them: a detector's prediction map per scale) in
     * inference mode on {@code features}; refuses (naming the difference) when they disagree beyond
     * {@link #TOLERANCE}, or 1e-5 of the trained net's largest |activation| when that is larger.
     *
     * @param what names the net in the error, e.g. "candidate 3"
     */
    public static DeployedForm of(Task task, Architecture source, ComputationGraph trained, CollapseResult collapse,
                                  long seed, INDArray features, String what) {
        ComputationGraph deployed = task.isDetection()
                // the learning rate is irrelevant: the graph is built to run, not to train
                ? Dl4jParameters.transfer(source, trained, collapse.result(),
                        FinalTrainingData.build(task, collapse.architecture(), seed, 1e-3))
                : Dl4jParameters.transfer(source, trained, collapse.result(), seed);
        long n = features.size(0);
        double diff = 0;
        double largest = 0;
        // a chunk at a time, as the ONNX check does: every layer's activations for a whole test set would need GBs
        for (long start = 0; start < n; start += CHUNK) {
            INDArray chunk = features.get(NDArrayIndex.interval(start, Math.min(n, start + CHUNK)));
            Map<String, INDArray> trainedActivations = trained.feedForward(chunk, false);
            for (Map.Entry<String, INDArray> e : trainedActivations.entrySet()) {
                if (!e.getKey().equals(Node.INPUT)) {
                    largest = Math.max(largest, e.getValue().amaxNumber().doubleValue());
                }
            }
            INDArray[] expected = outputs(task, source, trained, trainedActivations);
            INDArray[] actual = outputs(task, collapse.architecture(), deployed, deployed.feedForward(chunk, false));
            for (int i = 0; i < expected.length; i++) {
                diff = Math.max(diff, Transforms.abs(expected[i].sub(actual[i])).maxNumber().doubleValue());
            }
        }
        double bar = OracleReport.fp32Bar(largest);
        if (!(diff <= bar)) {
            throw new IllegalStateException(what + ": the deployed form (" + collapse.applied().size() + " rewrites) "
                    + "differs from the trained net by up to " + diff + " in output on "
                    + n + " test images; allowed: " + bar + " (" + TOLERANCE + ", or 1e-5 of the "
                    + "largest |activation|, " + largest + ")");
        }
        return new DeployedForm(collapse.architecture(), deployed, diff, n);
    }

    /**
     * The net's outputs among its activations: the graph's, or a detector's prediction maps, which its YOLO output
     * layers only transform elementwise (sigmoid, softmax, and exp times the anchor, which scales rounding by the box
     * size in grid cells).
     */
    private static INDArray[] outputs(Task task, Architecture arch, ComputationGraph graph,
                                      Map<String, INDArray> activations) {
        List<String> names = task.isDetection() ? YoloDetector.outputs(arch)
                : graph.getConfiguration().getNetworkOutputs();
        return names.stream().map(activations::get).toArray(INDArray[]::new);
    }
}
