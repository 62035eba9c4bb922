package io.hwnas.spark.finaltrain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What final training of one front member produced: a row of {@code final/final-training.csv}.
 *
 * @param quality the task's quality column: {@code accuracy}, or {@code psnr} for super-resolution
 * @param test the test scores by column ({@link FinalTrainingData#score}: the quality first; then, for a classifier,
 *     the deployed net's int8 accuracy in ONNX Runtime, {@code accuracy_int8}, and {@code int8_drop}, fp32 − int8 in
 *     ONNX Runtime on the same images), written as {@code test_<column>}
 * @param sweepQuality the quality the sweep measured (on its small training budget), NaN if unknown; written as
 *     {@code sweep_<quality>}
 * @param trainSeconds wall time of the distributed training, Spark overhead included
 * @param modelFile the trained training-time net (DL4J zip with updater state, so it can be trained on)
 * @param deployedModelFile the collapsed net with the trained weights, or empty when no rewrite applies
 * @param rewrites rewrites the deployment collapse applied (0: the deployed net is the trained one)
 * @param deployedMaxAbsDiff largest |Δ| between the outputs of the deployed and the trained net on
 *     {@code deployedCheckImages} test images; NaN without a deployed model
 */
public record FinalResult(int candidateId, String fingerprint, String choices, String quality, Map<String, Double> test,
                          double sweepQuality, long testSamples, long trainSamples, int epochs, int batchSize,
                          long seed, double trainSeconds, String modelFile, String deployedModelFile,
                          String deployedFingerprint, int rewrites, double deployedMaxAbsDiff, long deployedCheckImages) {

    public FinalResult {
        test = Collections.unmodifiableMap(new LinkedHashMap<>(test)); // in column order
        if (!test.containsKey(quality)) {
            throw new IllegalArgumentException("test scores " + test.keySet() + " lack the quality column " + quality);
        }
    }

    /** The test score of the task's quality column. */
    public double testQuality() {
        return test.get(quality);
    }

    /** Training images per second over all epochs. */
    public double trainSamplesPerSecond() {
        return trainSeconds > 0 ? trainSamples * (double) epochs / trainSeconds : Double.NaN;
    }

    /** The columns of final-training.csv: those of {@link #row}, which depend on the task. */
    public List<String> columns() {
        return List.copyOf(row().keySet());
    }

    public Map<String, Object> row() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("candidate_id", candidateId);
        r.put("fingerprint", fingerprint);
        r.put("choices", choices);
        test.forEach((column, value) -> r.put("test_" + column, value));
        r.put("sweep_" + quality, sweepQuality);
        r.put("test_samples", testSamples);
        r.put("train_samples", trainSamples);
        r.put("epochs", epochs);
        r.put("batch_size", batchSize);
        r.put("seed", seed);
        r.put("train_seconds", trainSeconds);
        r.put("train_samples_per_second", trainSamplesPerSecond());
        r.put("model_file", modelFile);
        r.put("deployed_model_file", deployedModelFile);
        r.put("deployed_fingerprint", deployedFingerprint);
        r.put("rewrites", rewrites);
        r.put("deployed_max_abs_diff", deployedMaxAbsDiff);
        r.put("deployed_check_images", deployedCheckImages);
        return r;
    }
}
