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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads a predictor directory ({@code hwnas predictor build}) into a {@link LearnedCostModel}. MLlib's readers
 * need a SparkSession: the active one, else a local one opened for the load and stopped after it (so
 * {@code hwnas estimate} works without Spark running); predicting needs none.
 */
public final class LearnedPredictors {
    private static final Map<Path, Loaded> LOADED = new ConcurrentHashMap<>();

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

    /**
     * The predictor in {@code dir}, loaded once per JVM (and again if its manifest changes): a sweep resolves its
     * devices before its session starts, and anything that resolves them again under that session (the run's report)
     * gets the same models without MLlib's readers running jobs there.
     *
     * @throws IllegalArgumentException naming the directory and what is wrong with it
     */
    public static LearnedCostModel load(Path dir) {
        Path key = dir.toAbsolutePath().normalize();
        long modified;
        try {
            modified = Files.getLastModifiedTime(key.resolve(PredictorManifest.FILE)).toMillis();
        } catch (IOException e) {
            modified = -1; // read() says what is missing
        }
        Loaded cached = LOADED.get(key);
        if (cached != null && cached.manifestModified() == modified) {
            return cached.model();
        }
        LearnedCostModel model = read(key);
        LOADED.put(key, new Loaded(modified, model));
        return model;
    }

    private record Loaded(long manifestModified, LearnedCostModel model) {
    }

    private static LearnedCostModel read(Path dir) {
        PredictorManifest manifest = manifest(dir);
        DeviceProfile profile = DeviceProfiles.load(dir.resolve(PredictorManifest.PROFILE_FILE));
        SparkSession running = running();
        SparkSession session = running != null ? running : SparkSession.builder().master("local[1]")
                .appName("hwnas-load-predictor").config("spark.ui.enabled", "false").getOrCreate();
        try {
            Map<KernelType, RegressionModel<Vector, ?>> models = new EnumMap<>(KernelType.class);
            for (Map.Entry<String, String> e : manifest.models().entrySet()) {
                Path modelDir = dir.resolve(PredictorManifest.MODELS_DIR).resolve(e.getKey());
                if (!Files.isDirectory(modelDir)) {
                    throw new IllegalArgumentException("'" + dir + "': model '" + e.getKey() + "' is missing");
                }
                String uri = modelDir.toAbsolutePath().toUri().toString();
                models.put(KernelType.fromId(e.getKey()), e.getValue().equals(PredictorManifest.GBT)
                        ? GBTRegressionModel.read().session(session).load(uri)
                        : RandomForestRegressionModel.read().session(session).load(uri));
            }
            return new LearnedCostModel(manifest.device() + "-learned", profile, models, manifest.overheadSeconds(),
                    manifest.kernelScale());
        } finally {
            if (running == null) {
                session.stop();
            }
        }
    }

    /** The thread's active session, else the default one, if it has not been stopped; else null. */
    private static SparkSession running() {
        for (scala.Option<SparkSession> s : List.of(SparkSession.getActiveSession(), SparkSession.getDefaultSession())) {
            if (s.isDefined() && !s.get().sparkContext().isStopped()) {
                return s.get();
            }
        }
        return null;
    }
}
