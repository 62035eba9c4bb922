package io.hwnas.spark.predictor;

import io.hwnas.arch.Architecture;
import io.hwnas.dl4j.Nd4jThreads;
import io.hwnas.hw.DeviceProfile;
import io.hwnas.hw.DeviceProfiles;
import io.hwnas.hw.calibrate.Calibrator;
import io.hwnas.hw.calibrate.Measurement;
import io.hwnas.hw.kernel.Kernel;
import io.hwnas.hw.kernel.KernelTimer;
import io.hwnas.hw.kernel.Kernels;
import io.hwnas.hw.kernel.SampledNetworks;
import io.hwnas.hw.learned.PredictorManifest;
import io.hwnas.hw.lut.LatencyTable;
import io.hwnas.hw.lut.LatencyTableBuilder;
import io.hwnas.hw.lut.LatencyTableFiles;
import io.hwnas.hw.measure.InferenceTimer;
import io.hwnas.hw.measure.JvmWarmUp;
import io.hwnas.io.AtomicFiles;
import io.hwnas.io.Mappers;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.sum;

/**
 * Builds a predictor directory: measures kernels of sampled networks on the executors, fits the per-type
 * regressors, measures a second round of networks chosen where the first fit's held-out error is highest
 * (adaptive refinement), refits on everything, and fits how kernel sums add up to whole networks. Beside the
 * models it writes, for comparison, the device profile calibrated on the same whole-network timings and a latency
 * table of this host. Everything is written under a temporary name and renamed into place at the end.
 */
public final class PredictorBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(PredictorBuilder.class);
    /** The refinement round picks its networks from a pool this many times its size. */
    private static final int POOL_FACTOR = 4;

    private final SparkSession spark;
    private final PredictorSettings settings;

    public PredictorBuilder(SparkSession spark, PredictorSettings settings) {
        this.spark = spark;
        this.settings = settings;
    }

    public PredictorManifest build(Path out, Map<String, String> host) {
        Path tmp = out.toAbsolutePath().resolveSibling("." + out.getFileName() + ".inprogress-" + UUID.randomUUID());
        try {
            Files.createDirectories(tmp);
            PredictorManifest manifest = buildInto(tmp, host);
            Files.move(tmp, out.toAbsolutePath(), StandardCopyOption.ATOMIC_MOVE);
            return manifest;
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            deleteQuietly(tmp);
            throw e;
        }
    }

    private PredictorManifest buildInto(Path dir, Map<String, String> host) {
        DeviceProfile profile = settings.profile();
        Kernels kernels = new Kernels(profile.fusion(), profile.activations());
        KernelRegressors regressors = new KernelRegressors(settings.trees(), settings.maxDepth(),
                settings.boostingRounds(), settings.seed());
        String parquet = dir.resolve(PredictorManifest.KERNELS_FILE).toUri().toString();

        List<Architecture> nets = new ArrayList<>(SampledNetworks.sample(settings.spaces(), settings.networks(),
                settings.seed(), Set.of()));
        KernelTimer timer = new KernelTimer(kernels, settings.protocol(), settings.seed(), JvmWarmUp.sample(nets));
        long start = System.nanoTime();
        Dataset<Row> measured = KernelMeasurements.kernels(spark, nets, timer, 1, parquet);
        LOG.info("round 1: {} kernels of {} networks measured in {} s", measured.count(), nets.size(),
                String.format("%.0f", (System.nanoTime() - start) * 1e-9));
        Map<String, KernelRegressors.Fitted> fitted = regressors.fit(measured, settings.refineNetworks() == 0);
        if (settings.refineNetworks() > 0) {
            Set<String> seen = nets.stream().map(Architecture::fingerprint).collect(Collectors.toSet());
            List<Architecture> pool = SampledNetworks.sample(settings.spaces(), POOL_FACTOR * settings.refineNetworks(),
                    settings.seed() + 1, seen);
            List<Architecture> chosen = whereErrorIsHigh(pool, fitted, kernels, settings.refineNetworks());
            measured = KernelMeasurements.kernels(spark, chosen, timer, 2, parquet);
            LOG.info("round 2: {} kernels measured in all", measured.count());
            fitted = regressors.fit(measured, true);
            nets.addAll(chosen);
        }
        KernelRegressors.save(fitted, dir.resolve(PredictorManifest.MODELS_DIR));

        Map<String, double[]> perNetwork = new HashMap<>();
        for (Row r : measured.groupBy("network").agg(first("network_seconds"), sum("seconds")).collectAsList()) {
            perNetwork.put(r.getString(0), new double[] {r.getDouble(1), r.getDouble(2)});
        }
        double[] overheadScale = overheadAndScale(perNetwork.values());
        DeviceProfiles.write(profile, dir.resolve(PredictorManifest.PROFILE_FILE));
        String note = nets.size() + " networks' DL4J inference (batch 1, 1 ND4J thread, hwnas predictor build) on "
                + host.getOrDefault("cpu", "this host");
        List<Measurement> wholeNetworks = nets.stream()
                .map(a -> Measurement.of(a, perNetwork.get(a.name())[0])).toList();
        DeviceProfile calibrated = new Calibrator(note).fit(profile, wholeNetworks).profile()
                .withIdentity(profile.id() + "-calibrated", profile.description() + "; " + note);
        DeviceProfiles.write(calibrated, dir.resolve(PredictorManifest.CALIBRATED_FILE));
        if (settings.lutGrid() != null) {
            Nd4jThreads.limit(1);
            LatencyTable table = new LatencyTableBuilder(new InferenceTimer(5, 15), settings.seed())
                    .build(profile.id() + "-lut", settings.lutGrid(), host);
            LatencyTableFiles.write(dir.resolve(PredictorManifest.LUT_FILE), table);
        }

        Map<String, String> models = new LinkedHashMap<>();
        Map<String, Map<String, Double>> errors = new LinkedHashMap<>();
        fitted.forEach((type, f) -> {
            models.put(type, f.algorithm());
            errors.put(type, f.heldOutMape());
        });
        Map<String, String> provenance = new LinkedHashMap<>(host);
        provenance.put("networks", settings.networks() + " sampled + " + settings.refineNetworks() + " refinement");
        provenance.put("protocol", settings.protocol().toString());
        provenance.put("seed", Long.toString(settings.seed()));
        provenance.put("regressors", "random forest of " + settings.trees() + " trees (depth " + settings.maxDepth()
                + ") vs " + settings.boostingRounds() + " boosted trees, on log seconds");
        PredictorManifest manifest = new PredictorManifest(PredictorManifest.FORMAT, profile.id(), overheadScale[0],
                overheadScale[1], models, errors, settings.spaceConfigs().stream().map(p -> p.toAbsolutePath().toString())
                .toList(), nets.stream().map(Architecture::fingerprint).toList(), provenance);
        try {
            AtomicFiles.writeString(dir.resolve(PredictorManifest.FILE), Mappers.prettyJson().writeValueAsString(manifest));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return manifest;
    }

    /**
     * Adaptive refinement: the pool's networks ranked by the summed held-out error of their kernels' types (a type
     * without a judged model counts as 100%), the top {@code count} kept.
     */
    static List<Architecture> whereErrorIsHigh(List<Architecture> pool, Map<String, KernelRegressors.Fitted> fitted,
                                               Kernels kernels, int count) {
        Map<String, Double> error = new HashMap<>();
        fitted.forEach((type, f) -> {
            double e = f.heldOutMape().get(f.algorithm());
            error.put(type, Double.isNaN(e) ? 1.0 : e);
        });
        double[] score = new double[pool.size()];
        for (int i = 0; i < pool.size(); i++) {
            for (Kernel k : kernels.detect(pool.get(i))) {
                score[i] += error.getOrDefault(k.type().id(), 1.0);
            }
        }
        return IntStream.range(0, pool.size()).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -score[i]).thenComparing(i -> i))
                .limit(count).map(pool::get).toList();
    }

    /**
     * Network ≈ overhead + scale × Σ kernels, least squares on relative error (weights 1/network²), overhead kept
     * ≥ 0: a kernel timed alone misses the graph's own work between vertices and runs with warmer caches.
     */
    static double[] overheadAndScale(Iterable<double[]> networkAndKernelSum) {
        double sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (double[] p : networkAndKernelSum) {
            double y = p[0];
            double x = p[1];
            double w = 1 / (y * y);
            sw += w;
            sx += w * x;
            sy += w * y;
            sxx += w * x * x;
            sxy += w * x * y;
        }
        double det = sw * sxx - sx * sx;
        double scale = (sw * sxy - sx * sy) / det;
        double overhead = (sy - scale * sx) / sw;
        if (!(overhead >= 0) || !(scale > 0)) {
            return new double[] {0, sxy / sxx};
        }
        return new double[] {overhead, scale};
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("could not remove {}: {}", dir, e.toString());
        }
    }
}
