package io.hwnas.spark.cli;

import io.hwnas.hw.spec.CostModels;
import io.hwnas.hw.DeviceProfile;
import io.hwnas.hw.DeviceProfiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "devices", mixinStandardHelpOptions = true,
        description = "List the bundled device profiles and the other device specs sweeps and estimates accept.")
final class DevicesCommand implements Callable<Integer> {

    /**
     * One bundled profile, rates in base units.
     *
     * @param onChipMemoryBytes 0 where the profile models no on-chip memory
     */
    @OutputRow
    record DeviceRow(String id, String kind, String dataType, double peakMacsPerSecond,
                     double memoryBandwidthBytesPerSecond, long onChipMemoryBytes, String description) {

        static DeviceRow of(String id, DeviceProfile p) {
            return new DeviceRow(id, p.kind().id(), p.dataType().id(), p.peakMacsPerSecond(),
                    p.memory().bandwidthBytesPerSecond(), p.memory().onChipBytes(), p.description());
        }
    }

    @Mixin
    FormatOption format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<DeviceRow> rows = DeviceProfiles.knownIds().stream().map(id -> DeviceRow.of(id, DeviceProfiles.load(id)))
                .toList();
        format.print(spec.commandLine().getOut(), DeviceRow.class, rows, DevicesCommand::printText);
        return 0;
    }

    private static void printText(PrintWriter out, List<DeviceRow> rows) {
        out.printf("%-15s %-4s %-5s %12s %10s %10s  %s%n", "id", "kind", "type", "peak GMAC/s", "GB/s", "on-chip",
                "description");
        for (DeviceRow d : rows) {
            out.printf("%-15s %-4s %-5s %12.1f %10.2f %10s  %s%n", d.id(), d.kind(), d.dataType(),
                    d.peakMacsPerSecond() / 1e9, d.memoryBandwidthBytesPerSecond() / 1e9,
                    d.onChipMemoryBytes() == 0 ? "-" : d.onChipMemoryBytes() / 1024 + " KiB", d.description());
        }
        out.printf("%nAlso accepted wherever a device is: a profile YAML path (format: hardware-profiles/README.md),%n"
                + "  '%s' (real DL4J inference timed where the candidate is evaluated),%n"
                + "  '%s' (the candidate exported to ONNX, timed in ONNX Runtime there),%n"
                + "  '%sFILE' (a latency table from 'hwnas lut build'),%n"
                + "  '%sDIR' (learned kernel predictors from 'hwnas predictor build').%n", CostModels.MEASURED,
                CostModels.ONNXRUNTIME_CPU, CostModels.LUT_PREFIX, CostModels.LEARNED_PREFIX);
    }
}
