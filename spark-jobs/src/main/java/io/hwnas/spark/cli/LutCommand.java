package io.hwnas.spark.cli;

import io.hwnas.dl4j.Nd4jThreads;
import io.hwnas.hw.lut.LatencyGrid;
import io.hwnas.hw.lut.LatencyTable;
import io.hwnas.hw.lut.LatencyTableBuilder;
import io.hwnas.hw.lut.LatencyTableFiles;
import io.hwnas.hw.measure.InferenceTimer;
import io.hwnas.spark.config.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "lut", mixinStandardHelpOptions = true,
        description = "Latency tables (lookup-table mode): per-op measured latencies a sweep uses as device 'lut:FILE'.",
        subcommands = LutCommand.Build.class)
final class LutCommand {

    @Command(name = "build", mixinStandardHelpOptions = true,
            description = "Time DL4J layers on this machine over a grid of op shapes and write a latency table (CSV).")
    static final class Build implements Callable<Integer> {

        @Option(names = {"-o", "--output"}, required = true, description = "table file to write (CSV)")
        Path output;

        @Option(names = "--grid", defaultValue = "standard", description = "quick or standard (default: ${DEFAULT-VALUE})")
        String grid;

        @Option(names = "--device-name", defaultValue = "host-lut",
                description = "device id estimates from the table report (default: ${DEFAULT-VALUE})")
        String deviceName;

        @Option(names = "--threads", defaultValue = "1",
                description = "ND4J threads, as sweeps run each candidate (default: ${DEFAULT-VALUE})")
        int threads;

        @Option(names = "--runs", defaultValue = "15", description = "timed runs per op, median kept (default: ${DEFAULT-VALUE})")
        int runs;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            LatencyGrid chosen;
            try {
                chosen = LatencyGrid.byName(grid);
                Nd4jThreads.limit(threads);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(e.getMessage(), e);
            }
            Map<String, String> metadata = new LinkedHashMap<>(HostInfo.describe());
            metadata.put("nd4j_threads", Integer.toString(threads));
            LatencyTable table = new LatencyTableBuilder(new InferenceTimer(5, runs), 1).build(deviceName, chosen, metadata);
            LatencyTableFiles.write(output, table);
            spec.commandLine().getOut().printf("%d ops timed; inference overhead %.1f µs; wrote %s%n",
                    table.entries().size(), table.inferenceOverheadSeconds() * 1e6, output);
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
