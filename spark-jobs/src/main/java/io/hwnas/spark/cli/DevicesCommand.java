package io.hwnas.spark.cli;

import io.hwnas.hw.CostModels;
import io.hwnas.hw.DeviceProfile;
import io.hwnas.hw.DeviceProfiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "devices", mixinStandardHelpOptions = true,
        description = "List the bundled device profiles and the other device specs sweeps and estimates accept.")
final class DevicesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-15s %-4s %-5s %12s %10s %10s  %s%n", "id", "kind", "type", "peak GMAC/s", "GB/s", "on-chip",
                "description");
        for (String id : DeviceProfiles.knownIds()) {
            DeviceProfile p = DeviceProfiles.load(id);
            out.printf("%-15s %-4s %-5s %12.1f %10.2f %10s  %s%n", id, p.kind().id(), p.dataType().id(),
                    p.peakMacsPerSecond() / 1e9, p.memory().bandwidthBytesPerSecond() / 1e9,
                    p.memory().onChipBytes() == 0 ? "-" : p.memory().onChipBytes() / 1024 + " KiB", p.description());
        }
        out.printf("%nAlso accepted wherever a device is: a profile YAML path (format: hardware-profiles/README.md),%n"
                + "  '%s' (real DL4J inference timed where the candidate is evaluated),%n"
                + "  '%sFILE' (a latency table from 'hwnas lut build').%n", CostModels.MEASURED, CostModels.LUT_PREFIX);
        out.flush();
        return 0;
    }
}
