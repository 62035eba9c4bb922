package io.hwnas.spark.predictor;

import io.hwnas.hw.DeviceProfile;
import io.hwnas.hw.lut.LatencyGrid;
import io.hwnas.hw.measure.RepeatProtocol;
import io.hwnas.space.SearchSpace;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@code hwnas predictor build} does.
 *
 * @param profile the device whose fusion rules define the kernels (and the prior the analytical model is calibrated
 *     from)
 * @param spaceConfigs sweep configs whose spaces the networks come from, with {@code spaces} their bound spaces
 * @param networks networks measured first
 * @param refineNetworks networks measured after the first fit, chosen where its error is highest
 * @param lutGrid the latency table built beside the predictor for comparison; null for none
 */
public record PredictorSettings(DeviceProfile profile, List<Path> spaceConfigs, List<SearchSpace> spaces, int networks,
                                int refineNetworks, long seed, RepeatProtocol protocol, int trees, int maxDepth,
                                int boostingRounds, LatencyGrid lutGrid) {
    /**
     * Interleaved repeats of a few runs each after warm-up rounds of 10 runs until within 5% (at most 6), in a JVM
     * warmed up for 20 s ({@link io.hwnas.hw.measure.JvmWarmUp}: less left timings 10–20% apart).
     */
    public static final RepeatProtocol PROTOCOL = new RepeatProtocol(10, 6, 0.05, 5, 5, 20);

    public PredictorSettings {
        Objects.requireNonNull(profile, "profile");
        spaceConfigs = List.copyOf(spaceConfigs);
        spaces = List.copyOf(spaces);
        Objects.requireNonNull(protocol, "protocol");
        if (networks < 10 || refineNetworks < 0) {
            throw new IllegalArgumentException("networks = " + networks + " and refine networks = " + refineNetworks
                    + " must be at least 10 and 0");
        }
    }
}
