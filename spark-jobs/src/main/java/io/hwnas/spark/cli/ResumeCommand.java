package io.hwnas.spark.cli;

import io.hwnas.io.HadoopConfigurations;
import io.hwnas.spark.SweepJob;
import io.hwnas.spark.journal.EvaluationCache;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Continue an interrupted sweep from its run directory: evaluate only the candidates its journal "
                + "lacks, then publish it as if it had never stopped.")
final class ResumeCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN_DIR", description = "the interrupted run: its hidden .<run-id>.inprogress directory "
            + "or the <run-id> it will be published as (local path or Hadoop URI)")
    String runDirectory;

    @Mixin
    SparkMaster sparkMaster;

    @Mixin
    ProgressOption progress;

    @Option(names = "--reuse", paramLabel = "DIR", description = "also reuse evaluations of completed runs under DIR; repeatable")
    List<String> reuse = List.of();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        // read and validate before Spark starts, so a wrong directory costs nothing and exits 2
        SweepJob.Interrupted run = SweepJob.interrupted(runDirectory, HadoopConfigurations.create());
        EvaluationCache.checkRoots(reuse);
        try (SparkSession spark = sparkMaster.session("hwnas-resume " + run.header().runId(), run.plan().config().spark())) {
            SweepCommand.print(spec.commandLine().getOut(), SweepJob.resume(spark, run, reuse, progress.create()));
        }
        return 0;
    }
}
