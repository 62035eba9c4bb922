package io.hwnas.spark.cli;

import io.hwnas.io.HadoopConfigurations;
import io.hwnas.spark.report.RunReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write RUN_DIR/report/: a self-contained HTML page (index.html) with the Pareto plots (accuracy vs "
                + "FPS per device, vs MACs, the search front), the hypervolume over evaluations, the front as a table and "
                + "each front member's per-layer costs on one device; every plot also as PNG and SVG. A sweep writes it "
                + "at its end; this regenerates it (replacing the old one once the new one is complete).")
final class ReportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN_DIR", description = "a run directory written by 'hwnas sweep' (local path or Hadoop URI)")
    String runDir;

    @Option(names = "--device", paramLabel = "ID",
            description = "device of the per-layer cost breakdown, one of the run's devices (default: its first)")
    String device;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        RunReport.Written report = RunReport.write(runDir, device, HadoopConfigurations.create());
        PrintWriter out = spec.commandLine().getOut();
        out.printf("report: %s%n", report.index());
        out.printf("plots as PNG and SVG beside it (%d files); per-layer costs on %s%n", report.files().size(),
                report.device() == null ? "no device" : report.device());
        if (!report.notes().isEmpty()) {
            out.printf("not shown: %d item(s), listed at the top of the page%n", report.notes().size());
        }
        out.flush();
        return 0;
    }
}
