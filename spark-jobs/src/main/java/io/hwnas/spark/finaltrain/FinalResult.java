package io.hwnas.spark.finaltrain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What final training of one front member produced: a row of {@code final/final-training.csv}.
 *
 * @param sweepAccuracy the sweep's validation accuracy (on its small training budget), NaN if unknown
 * @param trainSeconds wall time of the distributed training, Spark overhead included
 * @param modelFile the trained training-time net (DL4J zip with updater state, so it can be trained on)
 * @param deployedModelFile the collapsed net with the trained weights, or empty when no rewrite applies
 * @param rewrites rewrites the deployment collapse applied (0: the deployed net is the trained one)
 * @param deployedMaxAbsDiff largest |Δ| in class probability between deployed and trained net on
 *     {@code deployedCheckImages} test images; NaN without a deployed model
 */
public record FinalResult(int candidateId, String fingerprint, String choices, double sweepAccuracy,
                          double testAccuracy, double testLoss, long testSamples, long trainSamples, int epochs,
                          int batchSize, long seed, double trainSeconds, String modelFile, String deployedModelFile,
                          String deployedFingerprint, int rewrites, double deployedMaxAbsDiff, long deployedCheckImages) {

    public static final List<String> COLUMNS = List.of("candidate_id", "fingerprint", "choices", "test_accuracy",
            "test_loss", "sweep_accuracy", "test_samples", "train_samples", "epochs", "batch_size", "seed",
            "train_seconds", "train_samples_per_second", "model_file", "deployed_model_file", "deployed_fingerprint",
            "rewrites", "deployed_max_abs_diff", "deployed_check_images");

    /** Training images per second over all epochs. */
    public double trainSamplesPerSecond() {
        return trainSeconds > 0 ? trainSamples * (double) epochs / trainSeconds : Double.NaN;
    }

    public Map<String, Object> row() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("candidate_id", candidateId);
        r.put("fingerprint", fingerprint);
        r.put("choices", choices);
        r.put("test_accuracy", testAccuracy);
        r.put("test_loss", testLoss);
        r.put("sweep_accuracy", sweepAccuracy);
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
