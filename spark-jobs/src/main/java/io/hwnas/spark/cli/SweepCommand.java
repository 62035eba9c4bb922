package io.hwnas.spark.cli;

import io.hwnas.spark.Sessions;
import io.hwnas.spark.SweepJob;
import io.hwnas.spark.config.SweepConfig;
import io.hwnas.spark.config.SweepConfigLoader;
import io.hwnas.spark.store.FrontDefinition;
import io.hwnas.eval.ResultTable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Sample candidates from a config's space, train and cost them on Spark, write results and Pareto fronts.")
final class SweepCommand implements Callable<Integer> {

    @Parameters(paramLabel = "CONFIG", description = "sweep config (YAML)")
    Path config;

    @Option(names = "--master", description = "Spark master; default: the one spark-submit sets, else local[*]")
    String master;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String text = SweepConfigLoader.read(config);
        SweepConfig parsed = SweepConfigLoader.parse(text, config.toString());
        try (SparkSession spark = Sessions.create("hwnas-sweep " + parsed.name(), master)) {
            SweepJob.Outcome outcome = SweepJob.run(spark, parsed, config.toString(), text);
            print(spec.commandLine().getOut(), outcome);
        }
        return 0;
    }

    private static void print(PrintWriter out, SweepJob.Outcome outcome) {
        long ok = outcome.results().stream().filter(r -> r.ok()).count();
        out.printf("%d candidates evaluated (%d ok, %d failed)%n", outcome.results().size(), ok,
                outcome.results().size() - ok);
        for (Map.Entry<FrontDefinition, List<Map<String, Object>>> entry : outcome.fronts().entrySet()) {
            String front = entry.getKey().name();
            out.printf("%nPareto front: %s%n", front.equals("macs") ? "accuracy vs MACs" : "accuracy vs FPS on " + front);
            for (Map<String, Object> row : entry.getValue()) {
                out.printf("  #%-4s acc %.4f  %s  %s%n", row.get("candidate_id"), (Double) row.get("accuracy"),
                        front.equals("macs") ? "MACs " + row.get("macs")
                                : String.format("FPS %.1f", (Double) row.get("fps_" + ResultTable.deviceSuffix(front))),
                        row.get("choices"));
            }
        }
        out.printf("%nresults: %s%n", outcome.runDirectory());
        out.flush();
    }
}
