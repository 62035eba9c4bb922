package io.hwnas.spark.cli;

import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureCounts;
import io.hwnas.arch.ArchitectureJson;
import io.hwnas.arch.zoo.ReferenceNetworks;
import io.hwnas.io.AtomicFiles;
import io.hwnas.spark.config.ConfigException;
import io.hwnas.transform.Collapse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "zoo", mixinStandardHelpOptions = true,
        description = "List the reference networks at their natural input (ImageNet, 28x28 Fashion-MNIST for the "
                + "minis, the low-resolution Y channel of a 1280x720 output for the SESR super-resolution nets) with "
                + "training-time and deployed MACs and parameters; optionally write their IR JSON.")
final class ZooCommand implements Callable<Integer> {

    /**
     * One reference network; as in results.csv, {@code macs} and {@code trainableParams} count the deployed form,
     * {@code training*} the training-time one.
     *
     * @param input CxHxW
     */
    @OutputRow
    record NetworkRow(String name, String input, long trainingMacs, long trainingParams, long macs,
                      long trainableParams) {
    }

    @Option(names = "--export", paramLabel = "DIR",
            description = "write <name>.json for every network into DIR (the bundled resources are made this way)")
    Path export;

    @Mixin
    FormatOption format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (export != null && Files.exists(export) && !Files.isDirectory(export)) {
            throw new ConfigException("option '--export' = '" + export + "' is a file, not a directory");
        }
        List<NetworkRow> rows = new ArrayList<>();
        for (String name : ReferenceNetworks.names()) {
            Architecture arch = ReferenceNetworks.byName(name);
            ArchitectureCounts train = ArchitectureCounts.of(arch);
            ArchitectureCounts deployed = ArchitectureCounts.of(Collapse.deployment().apply(arch).architecture());
            rows.add(new NetworkRow(name, arch.input().toString(), train.macs(), train.trainableParams(),
                    deployed.macs(), deployed.trainableParams()));
            if (export != null) {
                AtomicFiles.writeString(export.resolve(name + ".json"), ArchitectureJson.writePretty(arch) + "\n");
            }
        }
        format.print(spec.commandLine().getOut(), NetworkRow.class, rows, ZooCommand::printText);
        return 0;
    }

    private static void printText(PrintWriter out, List<NetworkRow> rows) {
        out.printf("%-24s %-10s %16s %14s %16s %14s%n", "name", "input", "MACs", "params", "deployed MACs",
                "deployed params");
        for (NetworkRow n : rows) {
            out.printf("%-24s %-10s %,16d %,14d %,16d %,14d%n", n.name(), n.input(), n.trainingMacs(),
                    n.trainingParams(), n.macs(), n.trainableParams());
        }
    }
}
