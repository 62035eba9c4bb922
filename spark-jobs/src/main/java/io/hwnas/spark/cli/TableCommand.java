package io.hwnas.spark.cli;

import io.hwnas.io.HadoopConfigurations;
import io.hwnas.spark.config.ConfigException;
import io.hwnas.spark.store.CompletedRun;
import io.hwnas.spark.store.Csv;
import io.hwnas.tabular.RunTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "table", mixinStandardHelpOptions = true,
        description = "Write a run's results as a table for a 'type: tabular' space: one row per successful point, its "
                + "dimension columns (from 'choices'), then every metric column of results.csv (accuracy, accuracy_se, "
                + "macs, device costs, ...). Run an exhaustive sweep over a small space, then this, to benchmark "
                + "strategies on real trained accuracies in seconds.")
final class TableCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN_DIR", description = "a run directory written by 'hwnas sweep' (local path or Hadoop URI)")
    String runDir;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", required = true,
            description = "the table to write (CSV), replaced once complete")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CompletedRun run = CompletedRun.open(runDir, HadoopConfigurations.create());
        String source = run.path() + "/results.csv";
        List<Map<String, String>> results = Csv.read(run.text("results.csv").orElseThrow(
                () -> new ConfigException("RUN_DIR '" + runDir + "' has no results.csv")));
        List<String> header = results.isEmpty() ? List.of() : List.copyOf(results.get(0).keySet());
        RunTable.Summary table;
        try {
            table = RunTable.write(header, results, out, source);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
        PrintWriter w = spec.commandLine().getOut();
        w.printf("table: %s (%d points, %d failed evaluations left out)%n", table.table(), table.rows(), table.failed());
        w.printf("dimensions: %s%n", String.join(", ", table.dimensions()));
        w.flush();
        return 0;
    }
}
