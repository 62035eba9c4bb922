package io.hwnas.hw.learned;

import io.hwnas.hw.DeviceProfile;
import io.hwnas.hw.DeviceProfiles;
import io.hwnas.hw.kernel.KernelType;
import io.hwnas.io.Mappers;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.regression.GBTRegressionModel;
import org.apache.spark.ml.regression.RandomForestRegressionModel;
import org.apache.spark.ml.regression.RegressionModel;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * Reads a predictor directory ({@code hwnas predictor build}) into a {@link LearnedCostModel}. MLlib's readers
 * need a SparkSession: the active one, else a local one opened for the load and stopped after it (so
 * {@code hwnas estimate} works without Spark running); predicting needs none.
 */
public final class LearnedPredictors {

    private LearnedPredictors() {
    }

    public static PredictorManifest manifest(Path dir) {
        Path file = dir.resolve(PredictorManifest.FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("'" + dir + "' is not a predictor directory (no " + PredictorManifest.FILE
                    + "; build one with 'hwnas predictor build')");
        }
        try {
            return Mappers.json().readValue(file.toFile(), PredictorManifest.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    /** @throws IllegalArgumentException naming the directory and what is wrong with it */
    public static LearnedCostModel load(Path dir) {
        PredictorManifest manifest = manifest(dir);
        DeviceProfile profile = DeviceProfiles.load(dir.resolve(PredictorManifest.PROFILE_FILE));
        boolean ownSession = SparkSession.getActiveSession().isEmpty() && SparkSession.getDefaultSession().isEmpty();
        SparkSession session = ownSession
                ? SparkSession.builder().master("local[1]").appName("hwnas-load-predictor")
                        .config("spark.ui.enabled", "false").getOrCreate()
                : null;
        try {
            Map<KernelType, RegressionModel<Vector, ?>> models = new EnumMap<>(KernelType.class);
            for (Map.Entry<String, String> e : manifest.models().entrySet()) {
                Path modelDir = dir.resolve(PredictorManifest.MODELS_DIR).resolve(e.getKey());
                if (!Files.isDirectory(modelDir)) {
                    throw new IllegalArgumentException("'" + dir + "': model '" + e.getKey() + "' is missing");
                }
                String uri = modelDir.toAbsolutePath().toUri().toString();
                models.put(KernelType.fromId(e.getKey()), e.getValue().equals(PredictorManifest.GBT)
                        ? GBTRegressionModel.load(uri) : RandomForestRegressionModel.load(uri));
            }
            return new LearnedCostModel(manifest.device() + "-learned", profile, models, manifest.overheadSeconds(),
                    manifest.kernelScale());
        } finally {
            if (session != null) {
                session.stop();
            }
        }
    }
}
