package io.hwnas.hw.spec;

import io.hwnas.cost.CostModel;
import io.hwnas.hw.AnalyticalCostModel;
import io.hwnas.hw.DeviceProfileException;
import io.hwnas.hw.DeviceProfiles;
import io.hwnas.hw.learned.LearnedPredictors;
import io.hwnas.hw.lut.LatencyTableFiles;
import io.hwnas.hw.lut.LookupTableCostModel;
import io.hwnas.hw.measure.MeasuredCostModel;
import io.hwnas.hw.measure.OnnxRuntimeCostModel;

import java.nio.file.Path;

/**
 * Turns a device spec from a config or the command line into a cost model:
 * <ul>
 *   <li>{@code measured}: real DL4J inference timed where the candidate is evaluated ({@link MeasuredCostModel});</li>
 *   <li>{@code onnxruntime-cpu}: the candidate exported to ONNX and timed in ONNX Runtime there
 *       ({@link OnnxRuntimeCostModel});</li>
 *   <li>{@code lut:FILE}: a latency table built by {@code hwnas lut build} ({@link LookupTableCostModel}); the
 *       file is read here, once, and travels inside the model to executors;</li>
 *   <li>{@code learned:DIR}: kernel latency predictors built by {@code hwnas predictor build}
 *       ({@link io.hwnas.hw.learned.LearnedCostModel}); loaded here, on the driver, and shipped like a table;</li>
 *   <li>anything else: a bundled profile id or a profile YAML path ({@link AnalyticalCostModel}).</li>
 * </ul>
 * It sits in a package of its own so that the profiles and the analytical model in {@code io.hwnas.hw} do not depend
 * on the latency-table and measured models built on top of them.
 */
public final class CostModels {
    public static final String MEASURED = MeasuredCostModel.DEVICE;
    public static final String ONNXRUNTIME_CPU = OnnxRuntimeCostModel.DEVICE;
    public static final String LUT_PREFIX = "lut:";
    public static final String LEARNED_PREFIX = "learned:";

    private CostModels() {
    }

    /** @throws DeviceProfileException naming the spec and what is allowed */
    public static CostModel resolve(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new DeviceProfileException("device spec is empty (" + allowed() + ")");
        }
        if (spec.equals(MEASURED)) {
            return MeasuredCostModel.standard();
        }
        if (spec.equals(ONNXRUNTIME_CPU)) {
            return OnnxRuntimeCostModel.standard();
        }
        if (spec.startsWith(LUT_PREFIX)) {
            try {
                return new LookupTableCostModel(LatencyTableFiles.read(Path.of(spec.substring(LUT_PREFIX.length()))));
            } catch (IllegalArgumentException e) {
                throw new DeviceProfileException(e.getMessage(), e);
            }
        }
        if (spec.startsWith(LEARNED_PREFIX)) {
            try {
                return LearnedPredictors.load(Path.of(spec.substring(LEARNED_PREFIX.length())));
            } catch (IllegalArgumentException e) {
                throw new DeviceProfileException(e.getMessage(), e);
            }
        }
        try {
            return AnalyticalCostModel.forDevice(spec);
        } catch (DeviceProfileException e) {
            if (e.getMessage().startsWith("unknown device")) {
                throw new DeviceProfileException(e.getMessage() + "; or '" + MEASURED + "', '" + ONNXRUNTIME_CPU
                        + "', '" + LUT_PREFIX + "FILE', or '" + LEARNED_PREFIX + "DIR'", e);
            }
            throw e;
        }
    }

    public static String allowed() {
        return "a known device (" + String.join(", ", DeviceProfiles.knownIds()) + "), a profile YAML path, '"
                + MEASURED + "', '" + ONNXRUNTIME_CPU + "', '" + LUT_PREFIX + "FILE' or '" + LEARNED_PREFIX + "DIR'";
    }
}
