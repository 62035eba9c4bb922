package io.hwnas.spark.cli;

import io.hwnas.arch.Architecture;
import io.hwnas.cost.CostModel;
import io.hwnas.dl4j.Nd4jThreads;
import io.hwnas.hw.spec.CostModels;
import io.hwnas.hw.DeviceProfile;
import io.hwnas.hw.DeviceProfileException;
import io.hwnas.hw.DeviceProfiles;
import io.hwnas.hw.calibrate.CalibrationNetworks;
import io.hwnas.hw.calibrate.CalibrationStudy;
import io.hwnas.hw.measure.HostMeasured;
import io.hwnas.hw.measure.InferenceTimer;
import io.hwnas.hw.measure.MeasuredCostModel;
import io.hwnas.hw.measure.OnnxRuntimeCostModel;
import io.hwnas.io.AtomicFiles;
import io.hwnas.space.ImageInput;
import io.hwnas.spark.config.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = "Calibrate a device profile to this machine: time real DL4J (or ONNX Runtime) inference of random "
                + "networks, fit the profile on one set, report accuracy on a held-out set, write the calibrated profile "
                + "(YAML).")
final class CalibrateCommand implements Callable<Integer> {

    @Option(names = {"-d", "--device"}, defaultValue = "host-cpu",
            description = "prior profile: a device id or YAML path (default: ${DEFAULT-VALUE})")
    String device;

    @Option(names = {"-o", "--output"}, required = true, description = "calibrated profile to write (YAML)")
    Path output;

    @Option(names = "--id", description = "id of the calibrated profile (default: <prior id>-calibrated)")
    String id;

    @Option(names = "--train", defaultValue = "30", description = "networks to fit on (default: ${DEFAULT-VALUE})")
    int train;

    @Option(names = "--test", defaultValue = "30", description = "held-out networks (default: ${DEFAULT-VALUE})")
    int test;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the random networks (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--threads", defaultValue = "1",
            description = "ND4J (and ONNX Runtime intra-op) threads while timing (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--measure", defaultValue = CostModels.MEASURED, paramLabel = "DEVICE",
            description = "what times the networks: '" + CostModels.MEASURED + "' (DL4J) or '"
                    + CostModels.ONNXRUNTIME_CPU + "' (default: ${DEFAULT-VALUE})")
    String measure;

    @Option(names = "--compare", paramLabel = "DEVICE",
            description = "also report this cost model's accuracy on the held-out set, e.g. lut:host.lut.csv; repeatable")
    List<String> compare = List.of();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (train < 3 || test < 2) {
            throw new ConfigException("options '--train' = " + train + " and '--test' = " + test
                    + " must be at least 3 and 2");
        }
        if (threads < 1) {
            throw new ConfigException("option '--threads' = " + threads + " must be >= 1");
        }
        DeviceProfile prior;
        try {
            prior = DeviceProfiles.resolve(device);
        } catch (IllegalArgumentException | DeviceProfileException e) {
            throw new ConfigException("option '--device' = '" + device + "': " + e.getMessage(), e);
        }
        HostMeasured timing = switch (measure) {
            case CostModels.MEASURED -> new MeasuredCostModel(InferenceTimer.DEFAULT, false, seed);
            case CostModels.ONNXRUNTIME_CPU -> new OnnxRuntimeCostModel(InferenceTimer.DEFAULT, seed);
            default -> throw new ConfigException("option '--measure' = '" + measure + "' must be '"
                    + CostModels.MEASURED + "' or '" + CostModels.ONNXRUNTIME_CPU + "'");
        };
        Nd4jThreads.limit(threads);
        ImageInput input = new ImageInput(1, 28, 28);
        List<Architecture> fit = CalibrationNetworks.sample(input, 10, train, seed);
        List<Architecture> heldOut = CalibrationNetworks.sample(input, 10, test, seed + 1);
        String note = train + " random 28x28 CNNs measured with " + timing.runtime() + " (batch 1, " + threads
                + " thread(s), median of " + InferenceTimer.DEFAULT.runs() + ") on " + HostInfo.summary();
        List<CostModel> others = new ArrayList<>();
        for (String spec : compare) {
            try {
                others.add(CostModels.resolve(spec));
            } catch (DeviceProfileException e) {
                throw new ConfigException("option '--compare' = '" + spec + "': " + e.getMessage(), e);
            }
        }
        CalibrationStudy study = CalibrationStudy.run(prior, timing, fit, heldOut, note, others);
        DeviceProfile calibrated = study.calibration().profile().withIdentity(id != null ? id : prior.id() + "-calibrated",
                prior.description() + "; calibrated on " + HostInfo.summary());
        DeviceProfiles.write(calibrated, output);
        Path rows = output.resolveSibling(output.getFileName() + ".held-out.csv");
        AtomicFiles.writeString(rows, heldOutCsv(study));
        print(spec.commandLine().getOut(), study, rows);
        return 0;
    }

    private void print(PrintWriter out, CalibrationStudy study, Path rows) {
        out.printf("held-out accuracy (%d networks):%n  prior      %s%n  calibrated %s%n", test, study.priorOnHeldOut(),
                study.calibratedOnHeldOut());
        study.compared().forEach((device, accuracy) -> out.printf("  %-10s %s%n", device, accuracy));
        out.printf("fit on %d networks: %s%n", train, study.calibration().fit());
        for (Map.Entry<String, double[]> e : study.calibration().changes().entrySet()) {
            out.printf("  %-40s %12.4g -> %12.4g%n", e.getKey(), e.getValue()[0], e.getValue()[1]);
        }
        if (!study.calibration().notIdentified().isEmpty()) {
            out.printf("not identified (kept from the prior): %s%n", String.join(", ", study.calibration().notIdentified()));
        }
        if (!study.calibration().clamped().isEmpty()) {
            out.printf("clamped at efficiency 1 (the prior's peak rate is too low): %s%n",
                    String.join(", ", study.calibration().clamped()));
        }
        out.printf("wrote %s and %s%n", output, rows);
        out.flush();
    }

    private static String heldOutCsv(CalibrationStudy study) {
        StringBuilder b = new StringBuilder("architecture,macs,measured_ms,prior_ms,calibrated_ms\n");
        for (CalibrationStudy.Row r : study.heldOut()) {
            b.append(String.format(Locale.ROOT, "%s,%d,%.4f,%.4f,%.4f%n", r.architecture(), r.macs(),
                    r.measuredSeconds() * 1e3, r.priorSeconds() * 1e3, r.calibratedSeconds() * 1e3));
        }
        return b.toString();
    }
}
