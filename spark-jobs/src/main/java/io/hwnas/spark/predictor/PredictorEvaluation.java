package io.hwnas.spark.predictor;

import io.hwnas.arch.Architecture;
import io.hwnas.cost.CostModel;
import io.hwnas.hw.AnalyticalCostModel;
import io.hwnas.hw.DeviceProfiles;
import io.hwnas.hw.calibrate.PredictionAccuracy;
import io.hwnas.hw.kernel.Kernel;
import io.hwnas.hw.kernel.KernelTimer;
import io.hwnas.hw.kernel.SampledNetworks;
import io.hwnas.hw.learned.LearnedCostModel;
import io.hwnas.hw.learned.LearnedPredictors;
import io.hwnas.hw.learned.PredictorManifest;
import io.hwnas.hw.lut.LatencyTableFiles;
import io.hwnas.hw.lut.LookupTableCostModel;
import io.hwnas.hw.measure.JvmWarmUp;
import io.hwnas.hw.measure.RepeatProtocol;
import io.hwnas.space.SearchSpace;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Judges a predictor directory on networks it was not trained on: each is measured twice, independently (two
 * Spark jobs), the first measurement is the truth every cost model is compared with, and the second compared with
 * the first the same way is the noise floor no predictor can beat.
 *
 * @param models accuracy per cost model on the held-out networks: the learned predictor, the calibrated profile
 *     and the latency table beside it (when there is one; on the networks whose ops its grid covers)
 * @param noiseFloor the second measurement as if it were a prediction of the first
 * @param medianSpread median repeatability (max − min over median of the repeats) of the first measurement
 * @param kernelPredictionsPerSecond one thread, per second of its CPU time: the learned model's {@code predictKernel} over
 *     the held-out kernels
 */
public record PredictorEvaluation(int networks, Map<String, PredictionAccuracy> models, PredictionAccuracy noiseFloor,
                                  double medianSpread, double kernelPredictionsPerSecond) {
    public static final String LEARNED = "learned";
    public static final String CALIBRATED = "calibrated analytical";
    public static final String LUT = "lookup table";
    private static final double BENCHMARK_SECONDS = 1.0;

    public static PredictorEvaluation run(SparkSession spark, Path dir, List<SearchSpace> spaces, int count, long seed,
                                          RepeatProtocol protocol) {
        PredictorManifest manifest = LearnedPredictors.manifest(dir);
        LearnedCostModel learned = LearnedPredictors.load(dir);
        Map<String, CostModel> models = new LinkedHashMap<>();
        models.put(LEARNED, learned);
        models.put(CALIBRATED, new AnalyticalCostModel(DeviceProfiles.load(dir.resolve(PredictorManifest.CALIBRATED_FILE))));
        if (Files.isRegularFile(dir.resolve(PredictorManifest.LUT_FILE))) {
            models.put(LUT, new LookupTableCostModel(LatencyTableFiles.read(dir.resolve(PredictorManifest.LUT_FILE))));
        }
        List<Architecture> held = SampledNetworks.sample(spaces, count, seed, Set.copyOf(manifest.trainingNetworks()));
        KernelTimer timer = new KernelTimer(learned.kernels(), protocol, seed, JvmWarmUp.sample(held));
        Map<String, Row> first = byNetwork(KernelMeasurements.networks(spark, held, timer));
        Map<String, Row> second = byNetwork(KernelMeasurements.networks(spark, held, timer));
        double[] truth = new double[held.size()];
        double[] again = new double[held.size()];
        double[] spreads = new double[held.size()];
        for (int i = 0; i < held.size(); i++) {
            Row a = first.get(held.get(i).name());
            truth[i] = a.getDouble(2);
            spreads[i] = a.getDouble(3);
            again[i] = second.get(held.get(i).name()).getDouble(2);
        }
        Map<String, PredictionAccuracy> accuracy = new LinkedHashMap<>();
        models.forEach((name, model) -> {
            // a latency table covers the ops of its grid only: it is judged on the networks it can cost
            List<Double> predicted = new ArrayList<>();
            List<Double> measured = new ArrayList<>();
            for (int i = 0; i < held.size(); i++) {
                try {
                    predicted.add(model.estimate(held.get(i)).latencySeconds());
                    measured.add(truth[i]);
                } catch (IllegalArgumentException e) {
                    if (model instanceof LearnedCostModel) {
                        throw e;
                    }
                }
            }
            if (predicted.size() >= 2) {
                accuracy.put(name, PredictionAccuracy.of(predicted.stream().mapToDouble(d -> d).toArray(),
                        measured.stream().mapToDouble(d -> d).toArray()));
            }
        });
        return new PredictorEvaluation(held.size(), accuracy, PredictionAccuracy.of(again, truth),
                RepeatProtocol.median(spreads), kernelPredictionsPerSecond(learned, held));
    }

    /**
     * Single-threaded: as many passes over the held-out kernels as fit in about a second of this thread's CPU time,
     * after one warm-up pass. CPU time, not wall time, so that a machine shared with other work still reports what one
     * core does.
     */
    static double kernelPredictionsPerSecond(LearnedCostModel model, List<Architecture> nets) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        LongSupplier clock = threads.isCurrentThreadCpuTimeSupported() ? threads::getCurrentThreadCpuTime : System::nanoTime;
        List<Kernel> kernels = new ArrayList<>();
        for (Architecture a : nets) {
            kernels.addAll(model.kernels().detect(a));
        }
        double sink = 0;
        for (Kernel k : kernels) {
            sink += model.predictKernel(k);
        }
        long predictions = 0;
        long start = clock.getAsLong();
        long elapsed;
        do {
            for (Kernel k : kernels) {
                sink += model.predictKernel(k);
            }
            predictions += kernels.size();
            elapsed = clock.getAsLong() - start;
        } while (elapsed < BENCHMARK_SECONDS * 1e9);
        if (!(sink > 0)) {
            throw new IllegalStateException("kernel predictions summed to " + sink);
        }
        return predictions / (elapsed * 1e-9);
    }

    private static Map<String, Row> byNetwork(List<Row> rows) {
        Map<String, Row> out = new HashMap<>();
        for (Row r : rows) {
            out.put(r.getString(0), r);
        }
        return out;
    }
}
