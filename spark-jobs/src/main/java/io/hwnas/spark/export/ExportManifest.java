package io.hwnas.spark.export;

import io.hwnas.spark.store.BuildInfo;

import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json} of an export directory: where the models came from (the run, its front, its
 * final training) and, per front member, what each file is and how the deployed model was checked.
 *
 * @param sourceRun the run directory (URI); {@code runJson}, {@code frontFile} and
 *     {@code finalTraining} point at the files read, {@code finalTraining} null without train-front
 * @param tolerance the largest |Δ| in output (class probability, pixel value) allowed between deployed and source
 *     model, and between the ONNX model in ONNX Runtime and the deployed model, while the net's activations stay
 *     within ±10; beyond, 1e-5 of the largest |activation| (a detector's prediction maps), which each member's
 *     {@code onnx.tolerance} records
 */
public record ExportManifest(int format, String runId, String sourceRun, String runJson, String front,
                             String frontFile, String finalTraining, String exportedAt, BuildInfo build,
                             double tolerance, List<Member> members) {

    /** Version of the export layout; bumped when files or fields change incompatibly. */
    public static final int FORMAT = 2; // 2: a member's test scores by column (test) replace testAccuracy

    public ExportManifest {
        members = List.copyOf(members);
    }

    /**
     * One exported front member.
     *
     * @param choices dimension → option, as the front recorded them
     * @param metrics the front row's other columns (numbers as numbers; text and NaN as text, empty as null)
     * @param trained whether {@code files.model} holds train-front's trained weights; if not, freshly
     *     initialised ones (the initial weights train-front would start from, seeded with {@code seed})
     * @param trainedFrom the final/ model file copied, null when untrained
     * @param test train-front's test scores by column, the task's quality first (accuracy and loss, or psnr,
     *     ssim, psnr_bicubic and loss for super-resolution), null when untrained
     * @param rewrites the deployment collapse's rewrites, in order
     * @param checkedOn what the deployed model was compared with the source model on
     * @param maxAbsDiff largest |Δ| between the two models' outputs there
     * @param onnx how {@code files.onnx} was checked against the deployed DL4J model
     * @param int8 how {@code files.int8Onnx} was calibrated and what it scores; null when the member was not quantised
     *     (untrained, or not a classifier)
     */
    public record Member(int candidateId, String fingerprint, String deployedFingerprint, Map<String, String> choices,
                         Map<String, Object> metrics, boolean trained, String trainedFrom, Map<String, Double> test,
                         long seed, Files files, List<String> rewrites, String checkedOn, double maxAbsDiff,
                         Onnx onnx, Int8 int8) {
        public Member {
            rewrites = List.copyOf(rewrites);
        }
    }

    /**
     * The ONNX model of a member's deployed net and its check: run in {@code runtime} on the same inputs as the
     * deployed DL4J model ({@code checkedOn}), every output within {@code tolerance} of DL4J's.
     *
     * @param opset the ONNX operator set (default domain) the model imports
     * @param irVersion the ONNX IR version the model declares
     * @param maxAbsDiff largest |Δ| between ONNX Runtime's and the deployed DL4J model's outputs
     * @param tolerance the bar applied: the manifest's {@code tolerance}, or 1e-5 of the net's largest |activation|
     *     when that is larger
     */
    public record Onnx(int opset, long irVersion, String runtime, long inputs, double maxAbsDiff, double tolerance) {
    }

    /**
     * The int8 QDQ model of a member's deployed net ({@code io.hwnas.onnx.Int8Quantizer}) and its test accuracy next
     * to the fp32 model's, both run in the ONNX Runtime of {@link Onnx#runtime} on the same test images.
     *
     * @param calibration     {@code min_max} or {@code percentile}
     * @param calibratedOn    the training images the activation ranges were measured on
     * @param int8Activations activation tensors held in int8 (per tensor, affine)
     * @param int8Weights     Conv and Gemm weights held in int8 (per output channel, symmetric)
     * @param drop            fp32Accuracy − int8Accuracy
     */
    public record Int8(String calibration, long calibrationImages, String calibratedOn, int int8Activations,
                       int int8Weights, long testImages, double fp32Accuracy, double int8Accuracy, double drop) {
    }

    /**
     * File names inside the export directory; {@code onnx} holds the deployed net as an fp32 ONNX model,
     * {@code int8Onnx} as an int8 QDQ model (null when the member was not quantised).
     */
    public record Files(String architecture, String deployedArchitecture, String model, String deployedModel,
                        String onnx, String int8Onnx) {
    }
}
