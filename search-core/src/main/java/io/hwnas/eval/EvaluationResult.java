package io.hwnas.eval;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.hwnas.arch.ArchitectureCounts;
import io.hwnas.detection.ImagePredictions;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Everything measured for one candidate. Counts and device costs are of the deployed form (what
 * ships); the training-time form's MACs and parameters are kept beside them. Accuracy and loss are
 * on the held-out validation subset. For a failed candidate the training metrics are NaN and
 * {@code error} says why. Untrained candidates (cost- or proxy-only sweeps) have NaN accuracy and loss.
 *
 * @param accuracySe standard error of {@code accuracy} ({@link io.hwnas.dl4j.TrainingOutcome#mean}); NaN when
 *     unknown (untrained, or a result from before it was recorded)
 * @param macs forward multiply-accumulates at batch 1 of the deployed form
 * @param peakActivationElements see {@link io.hwnas.arch.ArchitectureCounts}
 * @param trainSamplesPerSecond training throughput (samples seen / training wall time)
 * @param worker host and executor that evaluated it
 * @param proxies training-free score by proxy name (naswot, synflow, ...)
 * @param psnr super-resolution: mean PSNR in dB of the held-out images (Y channel, border shaved); NaN for
 *     classification (see {@link io.hwnas.dl4j.TrainingOutcome})
 * @param ssim super-resolution: their mean SSIM
 * @param psnrBicubic super-resolution: the bicubic-upscaling baseline's PSNR on the same images
 * @param map50 detection: mAP@0.5 on the validation canvases; NaN for the other tasks
 * @param map50to95 detection: mAP@0.5:0.95 on the same canvases
 * @param testBoxes detection: the trained net's strongest boxes on the shown test canvases (see
 *     {@link io.hwnas.dl4j.TrainingOutcome}), for the report; empty for the other tasks and for older journals
 * @param accuracyInt8 {@code quantization: int8}: top-1 accuracy on the validation images of the trained net's deployed
 *     form quantised to int8, in ONNX Runtime ({@link io.hwnas.onnx.DeployedInt8}); NaN otherwise and in older journals
 */
public record EvaluationResult(int candidateId, int generation, String fingerprint, Map<String, String> choices,
                               Status status, String error, double accuracy, double accuracySe, double loss, long macs,
                               long trainableParams, long stateParams, long peakActivationElements,
                               List<DeviceCost> devices, long trainingMacs, long trainingParams, double trainSeconds, double evalSeconds, long trainSamples,
                               double trainSamplesPerSecond, long seed, String worker,
                               Map<String, Double> proxies, double psnr, double ssim, double psnrBicubic,
                               double map50, double map50to95, List<ImagePredictions> testBoxes,
                               double accuracyInt8)
        implements Serializable {

    public EvaluationResult {
        choices = Map.copyOf(choices);
        devices = List.copyOf(devices);
        proxies = Map.copyOf(proxies);
        testBoxes = List.copyOf(testBoxes);
    }

    /** A result without detection figures. */
    public EvaluationResult(int candidateId, int generation, String fingerprint, Map<String, String> choices,
                            Status status, String error, double accuracy, double accuracySe, double loss, long macs,
                            long trainableParams, long stateParams, long peakActivationElements,
                            List<DeviceCost> devices, long trainingMacs, long trainingParams, double trainSeconds,
                            double evalSeconds, long trainSamples, double trainSamplesPerSecond, long seed, String worker,
                            Map<String, Double> proxies, double psnr, double ssim, double psnrBicubic) {
        this(candidateId, generation, fingerprint, choices, status, error, accuracy, accuracySe, loss, macs,
                trainableParams, stateParams, peakActivationElements, devices, trainingMacs, trainingParams, trainSeconds,
                evalSeconds, trainSamples, trainSamplesPerSecond, seed, worker, proxies, psnr, ssim, psnrBicubic,
                Double.NaN, Double.NaN, List.of(), Double.NaN);
    }

    /** A result without image-quality figures (classification, cost-only). */
    public EvaluationResult(int candidateId, int generation, String fingerprint, Map<String, String> choices,
                            Status status, String error, double accuracy, double accuracySe, double loss, long macs,
                            long trainableParams, long stateParams, long peakActivationElements,
                            List<DeviceCost> devices, long trainingMacs, long trainingParams, double trainSeconds,
                            double evalSeconds, long trainSamples, double trainSamplesPerSecond, long seed, String worker,
                            Map<String, Double> proxies) {
        this(candidateId, generation, fingerprint, choices, status, error, accuracy, accuracySe, loss, macs,
                trainableParams, stateParams, peakActivationElements, devices, trainingMacs, trainingParams, trainSeconds,
                evalSeconds, trainSamples, trainSamplesPerSecond, seed, worker, proxies, Double.NaN, Double.NaN,
                Double.NaN);
    }

    /**
     * Journals written before the standard error and the image-quality figures were recorded lack them: NaN, not
     * Jackson's 0 for a missing double; before the boxes, none; before int8 accuracy, NaN.
     */
    @JsonCreator
    static EvaluationResult fromJson(@JsonProperty("candidateId") int candidateId, @JsonProperty("generation") int generation,
                                     @JsonProperty("fingerprint") String fingerprint,
                                     @JsonProperty("choices") Map<String, String> choices,
                                     @JsonProperty("status") Status status, @JsonProperty("error") String error,
                                     @JsonProperty("accuracy") double accuracy,
                                     @JsonProperty("accuracySe") Double accuracySe, @JsonProperty("loss") double loss,
                                     @JsonProperty("macs") long macs, @JsonProperty("trainableParams") long trainableParams,
                                     @JsonProperty("stateParams") long stateParams,
                                     @JsonProperty("peakActivationElements") long peakActivationElements,
                                     @JsonProperty("devices") List<DeviceCost> devices,
                                     @JsonProperty("trainingMacs") long trainingMacs,
                                     @JsonProperty("trainingParams") long trainingParams,
                                     @JsonProperty("trainSeconds") double trainSeconds,
                                     @JsonProperty("evalSeconds") double evalSeconds,
                                     @JsonProperty("trainSamples") long trainSamples,
                                     @JsonProperty("trainSamplesPerSecond") double trainSamplesPerSecond,
                                     @JsonProperty("seed") long seed, @JsonProperty("worker") String worker,
                                     @JsonProperty("proxies") Map<String, Double> proxies,
                                     @JsonProperty("psnr") Double psnr, @JsonProperty("ssim") Double ssim,
                                     @JsonProperty("psnrBicubic") Double psnrBicubic,
                                     @JsonProperty("map50") Double map50, @JsonProperty("map50to95") Double map50to95,
                                     @JsonProperty("testBoxes") List<ImagePredictions> testBoxes,
                                     @JsonProperty("accuracyInt8") Double accuracyInt8) {
        return new EvaluationResult(candidateId, generation, fingerprint, choices, status, error, accuracy,
                orNaN(accuracySe), loss, macs, trainableParams, stateParams,
                peakActivationElements, devices, trainingMacs, trainingParams, trainSeconds, evalSeconds, trainSamples,
                trainSamplesPerSecond, seed, worker, proxies, orNaN(psnr), orNaN(ssim), orNaN(psnrBicubic), orNaN(map50),
                orNaN(map50to95), testBoxes == null ? List.of() : testBoxes, orNaN(accuracyInt8));
    }

    private static double orNaN(Double value) {
        return value == null ? Double.NaN : value;
    }

    /** The score of a training-free proxy (see {@code io.hwnas.proxy}); NaN when it was not computed. */
    public double proxy(String name) {
        return proxies.getOrDefault(name, Double.NaN);
    }

    /** This result standing for another candidate (reused from an earlier run): same figures, new id and generation. */
    public EvaluationResult asCandidate(int id, int newGeneration) {
        return new EvaluationResult(id, newGeneration, fingerprint, choices, status, error, accuracy, accuracySe, loss,
                macs, trainableParams, stateParams, peakActivationElements, devices, trainingMacs, trainingParams,
                trainSeconds, evalSeconds, trainSamples, trainSamplesPerSecond, seed, worker, proxies, psnr, ssim,
                psnrBicubic, map50, map50to95, testBoxes, accuracyInt8);
    }

    /**
     * A candidate that failed without an evaluation to show for it (refused before it started, timed out, or lost
     * with its executor): the counts of its deployed form, which cost nothing to compute, and no device figures.
     *
     * @param worker where the failure was decided (the driver, for refusals and lost tasks)
     */
    public static EvaluationResult failed(Candidate c, String error, String worker) {
        long absent = -1;
        ArchitectureCounts counts = c.deployed() == null ? null : ArchitectureCounts.of(c.deployed());
        ArchitectureCounts training = c.architecture() == null ? null : ArchitectureCounts.of(c.architecture());
        return new EvaluationResult(c.id(), c.generation(), c.fingerprint(), c.description(), Status.FAILED, error,
                Double.NaN, Double.NaN, Double.NaN, counts == null ? absent : counts.macs(),
                counts == null ? absent : counts.trainableParams(), counts == null ? absent : counts.stateParams(),
                counts == null ? absent : counts.peakActivationElements(), List.of(),
                training == null ? absent : training.macs(), training == null ? absent : training.trainableParams(),
                Double.NaN, Double.NaN, 0, Double.NaN, c.seed(), worker, Map.of());
    }

    public boolean ok() {
        return status == Status.OK;
    }

    public DeviceCost device(String id) {
        return devices.stream().filter(d -> d.device().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("result " + candidateId + " has no figures for device '"
                        + id + "'"));
    }
}
