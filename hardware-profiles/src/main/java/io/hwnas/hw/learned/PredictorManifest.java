package io.hwnas.hw.learned;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@value #FILE} in a predictor directory: what the MLlib models under {@code models/<kernel type>} are and how
 * their kernel predictions add up to a network's latency.
 *
 * @param format {@value #FORMAT}
 * @param device id of the profile (saved beside it as {@value #PROFILE_FILE}) whose fusion rules split networks
 *     into kernels
 * @param overheadSeconds per inference, beyond its kernels
 * @param kernelScale network latency = overhead + scale × Σ kernel predictions (kernels timed alone run a little
 *     differently than inside the network)
 * @param models per kernel type id, the regressor kept: {@value #RANDOM_FOREST} or {@value #GBT}
 * @param heldOutMape per kernel type id and regressor, the MAPE on kernels of held-out training networks that chose it
 * @param spaces the sweep configs whose spaces the training networks were sampled from (evaluation samples its
 *     held-out networks there too)
 * @param trainingNetworks fingerprints of the networks trained on, which evaluation leaves out
 * @param provenance free-form: host, date, networks, protocol
 */
public record PredictorManifest(int format, String device, double overheadSeconds, double kernelScale,
                                Map<String, String> models, Map<String, Map<String, Double>> heldOutMape,
                                List<String> spaces, List<String> trainingNetworks, Map<String, String> provenance) {
    public static final int FORMAT = 1;
    public static final String FILE = "predictor.json";
    public static final String PROFILE_FILE = "device.yaml";
    public static final String MODELS_DIR = "models";
    /** The measured kernels, one row each (Parquet). */
    public static final String KERNELS_FILE = "kernels.parquet";
    /** The device profile calibrated on the same networks' whole-network timings, for comparison. */
    public static final String CALIBRATED_FILE = "calibrated.yaml";
    /** A latency table of the same host, for comparison. */
    public static final String LUT_FILE = "lut.csv";
    public static final String RANDOM_FOREST = "random_forest";
    public static final String GBT = "gbt";

    public PredictorManifest {
        if (format != FORMAT) {
            throw new IllegalArgumentException("field 'format' = " + format + ", this hwnas reads format " + FORMAT);
        }
        Objects.requireNonNull(device, "device");
        if (!(overheadSeconds >= 0) || !(kernelScale > 0)) {
            throw new IllegalArgumentException("fields 'overheadSeconds' = " + overheadSeconds + " and 'kernelScale' = "
                    + kernelScale + " must be >= 0 and > 0");
        }
        models = Map.copyOf(models);
        if (models.isEmpty()) {
            throw new IllegalArgumentException("field 'models' is empty: the predictor has no kernel model");
        }
        models.forEach((type, algorithm) -> {
            if (!algorithm.equals(RANDOM_FOREST) && !algorithm.equals(GBT)) {
                throw new IllegalArgumentException("field 'models." + type + "' = '" + algorithm + "', allowed: "
                        + RANDOM_FOREST + ", " + GBT);
            }
        });
        heldOutMape = Map.copyOf(heldOutMape);
        spaces = List.copyOf(spaces);
        trainingNetworks = List.copyOf(trainingNetworks);
        provenance = Map.copyOf(provenance);
    }
}
