package io.hwnas.spark.cli;

import io.hwnas.hw.DeviceProfile;
import io.hwnas.hw.DeviceProfileException;
import io.hwnas.hw.DeviceProfiles;
import io.hwnas.hw.calibrate.PredictionAccuracy;
import io.hwnas.hw.learned.LearnedPredictors;
import io.hwnas.hw.learned.PredictorManifest;
import io.hwnas.hw.lut.LatencyGrid;
import io.hwnas.hw.measure.RepeatProtocol;
import io.hwnas.io.BadInputException;
import io.hwnas.space.SearchSpace;
import io.hwnas.space.SpaceCapability;
import io.hwnas.spark.config.ConfigException;
import io.hwnas.spark.config.SweepConfigLoader;
import io.hwnas.spark.predictor.PredictorBuilder;
import io.hwnas.spark.predictor.PredictorEvaluation;
import io.hwnas.spark.predictor.PredictorSettings;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "predictor", mixinStandardHelpOptions = true,
        description = "Learned latency predictors (nn-Meter style): per-kernel MLlib regressors a sweep uses as device "
                + "'learned:DIR'.",
        subcommands = {PredictorCommand.Build.class, PredictorCommand.Evaluate.class})
final class PredictorCommand {
    static final List<Path> DEFAULT_SPACES = List.of(Path.of("examples/quickstart.yaml"), Path.of("examples/actnas.yaml"),
            Path.of("examples/kernel.yaml"), Path.of("examples/ran-e.yaml"), Path.of("examples/repnas.yaml"));

    /** The timing options both subcommands share. */
    static final class Timing {
        @Option(names = "--repeats", defaultValue = "5",
                description = "interleaved repeats per kernel or network (default: ${DEFAULT-VALUE})")
        int repeats;

        @Option(names = "--runs", defaultValue = "5", description = "timed runs per repeat, median kept (default: ${DEFAULT-VALUE})")
        int runs;

        @Option(names = "--jvm-warmup", defaultValue = "20", paramLabel = "SECONDS",
                description = "varied inference each executor JVM runs before its first timing; less leaves timings "
                        + "10-20% apart (default: ${DEFAULT-VALUE})")
        double jvmWarmup;

        RepeatProtocol protocol() {
            RepeatProtocol d = PredictorSettings.PROTOCOL;
            if (repeats < 2 || runs < 1 || !(jvmWarmup >= 0 && jvmWarmup <= 3600)) {
                throw new ConfigException("options '--repeats' = " + repeats + ", '--runs' = " + runs
                        + " and '--jvm-warmup' = " + jvmWarmup + ": need repeats >= 2, runs >= 1, warm-up 0-3600 s");
            }
            return new RepeatProtocol(d.warmupRuns(), d.maxWarmupRounds(), d.driftTolerance(), repeats, runs, jvmWarmup);
        }
    }

    @Command(name = "build", mixinStandardHelpOptions = true,
            description = "Measure kernels of networks sampled from search spaces on the Spark executors (one thread "
                    + "each), fit a random forest and boosted trees per kernel type, keep the better, and write DIR.")
    static final class Build implements Callable<Integer> {
        @Option(names = {"-d", "--device"}, defaultValue = "host-cpu",
                description = "profile whose fusion rules define the kernels (default: ${DEFAULT-VALUE})")
        String device;

        @Option(names = {"-o", "--out"}, required = true, description = "predictor directory to create (must not exist)")
        Path out;

        @Option(names = "--space", paramLabel = "CONFIG",
                description = "sweep config whose space networks are sampled from; repeatable (default: examples "
                        + "quickstart, actnas, kernel, ran-e, repnas)")
        List<Path> spaces = new ArrayList<>();

        @Option(names = "--networks", defaultValue = "160", description = "networks measured first (default: ${DEFAULT-VALUE})")
        int networks;

        @Option(names = "--refine", defaultValue = "60",
                description = "networks measured where the first fit errs most (default: ${DEFAULT-VALUE})")
        int refine;

        @Option(names = "--trees", defaultValue = "40", description = "random-forest trees (default: ${DEFAULT-VALUE})")
        int trees;

        @Option(names = "--depth", defaultValue = "10", description = "random-forest tree depth (default: ${DEFAULT-VALUE})")
        int depth;

        @Option(names = "--boosting-rounds", defaultValue = "15",
                description = "boosted trees, depth 5 (default: ${DEFAULT-VALUE})")
        int boostingRounds;

        @Option(names = "--lut-grid", defaultValue = "standard",
                description = "latency table built beside it for comparison: quick, standard or none (default: ${DEFAULT-VALUE})")
        String lutGrid;

        @Option(names = "--seed", defaultValue = "1", description = "seed of the sampled networks (default: ${DEFAULT-VALUE})")
        long seed;

        @Mixin
        Timing timing;

        @Mixin
        SparkMaster master;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            DeviceProfile profile;
            try {
                profile = DeviceProfiles.resolve(device);
            } catch (IllegalArgumentException | DeviceProfileException e) {
                throw new ConfigException("option '--device' = '" + device + "': " + e.getMessage(), e);
            }
            if (Files.exists(out)) {
                throw new ConfigException("option '--out' = '" + out + "' exists; name a new directory");
            }
            if (out.toAbsolutePath().getParent() == null || !Files.isDirectory(out.toAbsolutePath().getParent())) {
                throw new ConfigException("option '--out' = '" + out + "': its parent directory does not exist");
            }
            if (networks < 10 || refine < 0 || trees < 1 || depth < 1 || depth > 30 || boostingRounds < 1) {
                throw new ConfigException("options '--networks' = " + networks + ", '--refine' = " + refine + ", '--trees' = "
                        + trees + ", '--depth' = " + depth + ", '--boosting-rounds' = " + boostingRounds
                        + ": need networks >= 10, refine >= 0, trees >= 1, depth 1-30, boosting rounds >= 1");
            }
            LatencyGrid grid;
            try {
                grid = lutGrid.equals("none") ? null : LatencyGrid.byName(lutGrid);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("option '--lut-grid' = '" + lutGrid + "', allowed: quick, standard, none", e);
            }
            RepeatProtocol protocol = timing.protocol();
            List<Path> configs = spaces.isEmpty() ? DEFAULT_SPACES : spaces;
            PredictorSettings settings = new PredictorSettings(profile, configs, spaces(configs), networks, refine, seed,
                    protocol, trees, depth, boostingRounds, grid);
            long start = System.nanoTime();
            SparkSession spark = master.mllibSession("hwnas predictor build");
            PredictorManifest m;
            try {
                m = new PredictorBuilder(spark, settings).build(out, HostInfo.describe());
            } finally {
                spark.stop();
            }
            PrintWriter w = spec.commandLine().getOut();
            w.printf("kernel models (held-out MAPE on kernels of every %dth network: random forest | boosted trees):%n", 5);
            m.models().keySet().stream().sorted().forEach(type -> {
                Map<String, Double> e = m.heldOutMape().get(type);
                w.printf("  %-12s %-14s %8s | %8s%n", type, m.models().get(type),
                        percent(e.get(PredictorManifest.RANDOM_FOREST)), percent(e.get(PredictorManifest.GBT)));
            });
            w.printf("network = %.1f µs + %.3f × Σ kernels; %d networks; wrote %s in %.0f s%n", m.overheadSeconds() * 1e6,
                    m.kernelScale(), m.trainingNetworks().size(), out, (System.nanoTime() - start) * 1e-9);
            w.flush();
            return 0;
        }
    }

    @Command(name = "evaluate", mixinStandardHelpOptions = true,
            description = "Measure held-out networks twice and compare the predictor, the calibrated profile and the "
                    + "latency table in DIR with the first measurement, and the second measurement (the noise floor).")
    static final class Evaluate implements Callable<Integer> {
        @Parameters(paramLabel = "DIR", description = "predictor directory from 'hwnas predictor build'")
        Path dir;

        @Option(names = "--networks", defaultValue = "100", description = "held-out networks (default: ${DEFAULT-VALUE})")
        int networks;

        @Option(names = "--space", paramLabel = "CONFIG",
                description = "sweep config to sample held-out networks from; repeatable (default: the build's)")
        List<Path> spaces = new ArrayList<>();

        @Option(names = "--seed", defaultValue = "1000", description = "seed of the held-out networks (default: ${DEFAULT-VALUE})")
        long seed;

        @Mixin
        Timing timing;

        @Mixin
        SparkMaster master;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PredictorManifest manifest;
            try {
                manifest = LearnedPredictors.manifest(dir);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("parameter 'DIR' = '" + dir + "': " + e.getMessage(), e);
            }
            if (networks < 2) {
                throw new ConfigException("option '--networks' = " + networks + " must be at least 2");
            }
            List<Path> configs = spaces.isEmpty() ? manifest.spaces().stream().map(Path::of).toList() : spaces;
            List<SearchSpace> bound = spaces(configs);
            RepeatProtocol protocol = timing.protocol();
            long start = System.nanoTime();
            SparkSession spark = master.mllibSession("hwnas predictor evaluate");
            PredictorEvaluation e;
            try {
                e = PredictorEvaluation.run(spark, dir, bound, networks, seed, protocol);
            } catch (IllegalArgumentException ex) {
                throw new ConfigException("parameter 'DIR' = '" + dir + "': " + ex.getMessage(), ex);
            } finally {
                spark.stop();
            }
            print(spec.commandLine().getOut(), e, (System.nanoTime() - start) * 1e-9);
            return 0;
        }

        private static void print(PrintWriter w, PredictorEvaluation e, double seconds) {
            w.printf("%d held-out networks, each measured twice (median repeat spread %.1f%%):%n", e.networks(),
                    100 * e.medianSpread());
            w.printf("  %-22s %5s %8s %8s %8s %8s %8s%n", "", "n", "±5%", "±10%", "MAPE", "τ", "max err");
            e.models().forEach((name, a) -> row(w, name, a));
            row(w, "noise floor", e.noiseFloor());
            PredictionAccuracy learned = e.models().get(PredictorEvaluation.LEARNED);
            w.printf("learned within ±10%%: %.0f%% of held-out networks; the noise floor's: %.0f%% (%.0f%% of the floor)%n",
                    100 * learned.within10(), 100 * e.noiseFloor().within10(),
                    100 * learned.within10() / Math.max(e.noiseFloor().within10(), 1e-9));
            w.printf("prediction speed: %.3g kernel predictions/s on one core (per second of the thread's CPU time)%n",
                    e.kernelPredictionsPerSecond());
            w.printf("evaluated in %.0f s%n", seconds);
            w.flush();
        }

        private static void row(PrintWriter w, String name, PredictionAccuracy a) {
            w.printf("  %-22s %5d %7.0f%% %7.0f%% %7.1f%% %8.3f %7.0f%%%n", name, a.count(), 100 * a.within5(), 100 * a.within10(),
                    100 * a.mape(), a.kendallTau(), 100 * a.maxError());
        }
    }

    /** The network spaces of these sweep configs; a config that is unreadable or has no network space is bad input. */
    static List<SearchSpace> spaces(List<Path> configs) {
        List<SearchSpace> out = new ArrayList<>();
        for (Path c : configs) {
            SearchSpace space;
            try {
                space = SweepConfigLoader.load(c).space();
            } catch (BadInputException e) {
                throw new ConfigException("option '--space' = '" + c + "': " + e.getMessage(), e);
            }
            if (!space.has(SpaceCapability.NETWORKS)) {
                throw new ConfigException("option '--space' = '" + c + "': space type '" + space.type()
                        + "' has no networks; a space of networks is needed");
            }
            out.add(space);
        }
        return out;
    }

    private static String percent(Double v) {
        return v == null || v.isNaN() ? "-" : String.format("%.1f%%", 100 * v);
    }
}
