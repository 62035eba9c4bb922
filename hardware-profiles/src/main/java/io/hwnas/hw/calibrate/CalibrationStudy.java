package io.hwnas.hw.calibrate;

import io.hwnas.arch.Architecture;
import io.hwnas.cost.CostModel;
import io.hwnas.hw.AnalyticalCostModel;
import io.hwnas.hw.DeviceProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Calibrates a profile on one set of architectures and judges it on another: measure both sets with
 * {@code measure} (real DL4J inference for the host, or any other source of truth), fit on the first,
 * report accuracy before and after on the held-out second set.
 *
 * @param calibration the fit on the training set
 * @param priorOnHeldOut the uncalibrated profile's accuracy on the held-out set
 * @param calibratedOnHeldOut the calibrated profile's accuracy on the held-out set: the figure to quote
 * @param compared other cost models' accuracy on the same held-out set, by device id (e.g. a latency table)
 * @param heldOut each held-out net with its measured and predicted latency
 */
public record CalibrationStudy(Calibration calibration, PredictionAccuracy priorOnHeldOut,
                               PredictionAccuracy calibratedOnHeldOut, Map<String, PredictionAccuracy> compared,
                               List<Row> heldOut) {
    private static final Logger LOG = LoggerFactory.getLogger(CalibrationStudy.class);

    /** One held-out architecture. */
    public record Row(String architecture, long macs, double measuredSeconds, double priorSeconds,
                      double calibratedSeconds) {
    }

    public static CalibrationStudy run(DeviceProfile prior, CostModel measure, List<Architecture> train,
                                       List<Architecture> test, String sourceNote, List<CostModel> compare) {
        List<Measurement> trainSet = measureAll(measure, train, "training");
        List<Measurement> testSet = measureAll(measure, test, "held-out");
        Calibration calibration = new Calibrator(sourceNote).fit(prior, trainSet);
        AnalyticalCostModel before = new AnalyticalCostModel(prior);
        AnalyticalCostModel after = new AnalyticalCostModel(calibration.profile());
        List<Row> rows = new ArrayList<>();
        for (Measurement m : testSet) {
            rows.add(new Row(m.architecture().name(), m.work().nodes().stream().mapToLong(n -> n.macs()).sum(),
                    m.latencySeconds(), before.estimate(m.work()).latencySeconds(),
                    after.estimate(m.work()).latencySeconds()));
        }
        Map<String, PredictionAccuracy> compared = new LinkedHashMap<>();
        for (CostModel other : compare) {
            compared.put(other.device(), PredictionAccuracy.of(other, testSet));
        }
        return new CalibrationStudy(calibration, PredictionAccuracy.of(before, testSet),
                PredictionAccuracy.of(after, testSet), compared, rows);
    }

    private static List<Measurement> measureAll(CostModel measure, List<Architecture> nets, String what) {
        List<Measurement> out = new ArrayList<>(nets.size());
        for (Architecture a : nets) {
            out.add(Measurement.of(a, measure.estimate(a).latencySeconds()));
            LOG.info("measured {} architecture {}/{}: {} ms", what, out.size(), nets.size(),
                    String.format("%.3f", out.get(out.size() - 1).latencySeconds() * 1e3));
        }
        return out;
    }
}
