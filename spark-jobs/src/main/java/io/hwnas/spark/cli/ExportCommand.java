package io.hwnas.spark.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hwnas.io.HadoopConfigurations;
import io.hwnas.io.Mappers;
import io.hwnas.spark.config.FinalTrainingSettings;
import io.hwnas.spark.export.ExportManifest;
import io.hwnas.spark.export.ModelExport;
import io.hwnas.spark.store.CompletedRun;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Export members of a finished sweep's Pareto front for deployment: per member the IR JSON "
                + "(training-time and deployed), the DL4J model and the deployed (collapsed) DL4J model, checked against "
                + "each other, and the deployed net as an fp32 ONNX model (opset 13), run in ONNX Runtime and checked "
                + "against the deployed DL4J model, plus manifest.json.",
                "The models are train-front's trained ones when RUN_DIR/final/ has them, else freshly initialised, "
                        + "untrained nets. No Spark is started. The export is written to the local file system."})
final class ExportCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = Mappers.json();

    @Parameters(paramLabel = "RUN_DIR", description = "a run directory written by 'hwnas sweep' (local path or Hadoop URI)")
    String runDir;

    @Option(names = "--front", paramLabel = "NAME", defaultValue = FinalTrainingSettings.DEFAULT_FRONT,
            description = "which front: pareto-NAME.csv (default: ${DEFAULT-VALUE}, the search goal's)")
    String front;

    @Option(names = "--candidate", paramLabel = "ID", description = "export only this front member (repeatable; default: all)")
    List<Integer> candidates;

    @Option(names = "--out", paramLabel = "DIR",
            description = "export directory on the local file system (default: RUN_DIR/" + ModelExport.DEFAULT_DIRECTORY + ")")
    Path out;

    @Option(names = "--data", paramLabel = "DIR",
            description = "dataset directory whose test images check trained models (default: the sweep's data.path)")
    String data;

    @Option(names = "--force", description = "replace an earlier export at the output directory (once the new one is complete)")
    boolean force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Configuration hadoop = HadoopConfigurations.create();
        CompletedRun run = CompletedRun.open(runDir, hadoop);
        ModelExport.Plan plan = ModelExport.prepare(run, new ModelExport.Settings(front, candidates, out, data, force),
                hadoop);
        print(spec.commandLine().getOut(), ModelExport.write(plan), plan.finalTrainingPresent(),
                plan.sweep().task().qualityColumn());
        return 0;
    }

    /** @param quality the task's quality column, whose test score is shown */
    private void print(PrintWriter out, ModelExport.Outcome outcome, boolean finalTrainingPresent, String quality) {
        ExportManifest manifest = outcome.manifest();
        out.printf(Locale.ROOT, "%-6s %-9s %13s %10s %9s %12s %12s  %s%n", "id", "weights", "test_" + quality,
                "int8_onnx", "rewrites", "deployed_Δ", "onnx_Δ", "choices");
        List<Integer> untrained = manifest.members().stream().filter(m -> !m.trained())
                .map(ExportManifest.Member::candidateId).toList();
        for (ExportManifest.Member m : manifest.members()) {
            out.printf(Locale.ROOT, "#%-5d %-9s %13s %10s %9d %12.3g %12.3g  %s%n", m.candidateId(),
                    m.trained() ? "trained" : "untrained",
                    m.test() == null ? "-" : String.format(Locale.ROOT, "%.4f", m.test().get(quality)),
                    m.int8() == null ? "-" : String.format(Locale.ROOT, "%.4f", m.int8().int8Accuracy()),
                    m.rewrites().size(), m.maxAbsDiff(), m.onnx().maxAbsDiff(), json(m.choices()));
        }
        out.printf("%nexported %d member(s) of front '%s' to %s%n", manifest.members().size(), manifest.front(),
                outcome.directory());
        if (!untrained.isEmpty()) {
            out.printf("candidate(s) %s: freshly initialised, UNTRAINED weights; for trained models run%n"
                    + "  hwnas train-front %s%s%nand export again with --force%n", untrained, runDir,
                    finalTrainingPresent ? " --force" : "");
        }
        out.flush();
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value + " as JSON", e);
        }
    }
}
