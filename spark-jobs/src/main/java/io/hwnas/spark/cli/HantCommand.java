package io.hwnas.spark.cli;

import io.hwnas.hant.FrontPoint;
import io.hwnas.spark.HantJob;
import io.hwnas.spark.config.HantConfig;
import io.hwnas.spark.config.HantConfigLoader;
import io.hwnas.spark.config.SweepConfigLoader;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "hant", mixinStandardHelpOptions = true,
        description = "HANT: train a teacher, distil alternative ops per layer on Spark, pick nets per latency budget "
                + "with an exact integer program, fine-tune them; writes distillation.csv, front.csv, summary.txt.")
final class HantCommand implements Callable<Integer> {

    @Parameters(paramLabel = "CONFIG", description = "HANT config (YAML), e.g. examples/hant.yaml")
    Path config;

    @Mixin
    SparkMaster sparkMaster;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String text = SweepConfigLoader.read(config);
        HantConfig parsed = HantConfigLoader.parse(text, config.toString());
        try (SparkSession spark = sparkMaster.session("hwnas-hant " + parsed.name())) {
            HantJob.Outcome outcome = HantJob.run(spark, parsed, config.toString(), text);
            print(spec.commandLine().getOut(), outcome);
        }
        return 0;
    }

    private static void print(PrintWriter out, HantJob.Outcome o) {
        out.printf(Locale.ROOT, "teacher: accuracy %.4f (%.4f after the same fine-tuning), %.4f ms on %s%n",
                o.teacher().outcome().accuracy(), o.teacherFineTuned().accuracy(), o.costs().teacherMs(),
                o.costs().device());
        out.printf(Locale.ROOT, "%n%10s %10s %8s %9s %9s  %s%n", "budget_ms", "latency_ms", "speedup", "accuracy",
                "drop", "assignment");
        for (FrontPoint p : o.front()) {
            out.printf(Locale.ROOT, "%10.4f %10.4f %7.2fx %9.4f %+9.4f  %s%n", p.budgetMs(), p.latencyMs(), p.speedup(),
                    p.accuracy(), p.accuracyDrop(), p.assignment());
        }
        out.printf(Locale.ROOT, "%nwall time (s): %s%nresults: %s%n", o.phaseSeconds(), o.runDirectory());
        out.flush();
    }
}
