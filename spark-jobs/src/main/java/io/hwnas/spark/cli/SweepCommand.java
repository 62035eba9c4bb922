package io.hwnas.spark.cli;

import io.hwnas.io.HadoopConfigurations;
import io.hwnas.spark.NamedRun;
import io.hwnas.spark.SweepJob;
import io.hwnas.spark.config.SweepPlan;
import io.hwnas.spark.config.SweepConfigLoader;
import io.hwnas.spark.journal.EvaluationCache;
import io.hwnas.spark.store.FrontDefinition;
import io.hwnas.spark.store.RunLease;
import io.hwnas.pareto.Objective;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Search a config's space with its strategy, evaluating candidates on Spark; write results, Pareto fronts and hypervolume per batch.")
final class SweepCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(SweepCommand.class);
    private static final String SUPERVISE = "spark.driver.supervise";

    @Parameters(paramLabel = "CONFIG", description = "sweep config (YAML)")
    Path config;

    @Mixin
    SparkMaster sparkMaster;

    @Mixin
    ProgressOption progress;

    @Option(names = "--reuse", paramLabel = "DIR", description = "reuse evaluations of completed runs under DIR "
            + "(same architecture, fidelity, data, training, proxies, devices and code version); repeatable")
    List<String> reuse = List.of();

    @Option(names = "--run-id", paramLabel = "ID", description = "the run's id (default <name>-<time>-s<seed>): an "
            + "interrupted run of this id and the same config is resumed, a complete one left as it is; for "
            + "spark-submit --supervise, whose restarted driver gets the same arguments")
    String runId;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String text = SweepConfigLoader.read(config);
        SweepPlan plan = SweepConfigLoader.plan(text, config.toString());
        EvaluationCache.checkRoots(reuse);
        Configuration hadoop = HadoopConfigurations.create();
        NamedRun named = runId == null ? null : NamedRun.find(plan, text, runId, hadoop);
        PrintWriter out = spec.commandLine().getOut();
        if (named instanceof NamedRun.Complete complete) {
            return alreadyComplete(out, complete);
        }
        try (RunLease lease = runId == null ? null
                : RunLease.acquire(plan.config().output(), runId, hadoop, RunLease.Timing.STANDARD)) {
            if (lease != null) {
                // found again under the lease: a driver we waited for may have gone on with the run meanwhile
                named = NamedRun.find(plan, text, runId, hadoop);
                if (named instanceof NamedRun.Complete complete) {
                    return alreadyComplete(out, complete);
                }
            }
            try (SparkSession spark = sparkMaster.session("hwnas-sweep " + plan.config().name(),
                    plan.config().spark())) {
                if (runId == null && spark.sparkContext().getConf().getBoolean(SUPERVISE, false)) {
                    LOG.warn("{}=true without --run-id: a restarted driver would start a new run rather than resume "
                            + "this one", SUPERVISE);
                }
                SweepJob.Outcome outcome = named instanceof NamedRun.Interrupted interrupted
                        ? SweepJob.resume(spark, interrupted.run(), reuse, progress.create())
                        : SweepJob.run(spark, plan, config.toString(), text, reuse, progress.create(), runId);
                print(out, outcome);
            }
        }
        return 0;
    }

    private int alreadyComplete(PrintWriter out, NamedRun.Complete complete) {
        out.printf("run %s is already complete: %s%n", runId, complete.directory());
        out.flush();
        return 0;
    }

    static void print(PrintWriter out, SweepJob.Outcome outcome) {
        long ok = outcome.results().stream().filter(r -> r.ok()).count();
        out.printf("%d candidates evaluated (%d ok, %d failed)%n", outcome.results().size(), ok,
                outcome.results().size() - ok);
        if (!outcome.batches().isEmpty()) {
            out.printf("hypervolume %.6g after %d batches%n",
                    outcome.batches().get(outcome.batches().size() - 1).hypervolume(), outcome.batches().size());
        }
        for (Map.Entry<FrontDefinition, List<Map<String, Object>>> entry : outcome.fronts().entrySet()) {
            List<Objective> objectives = entry.getKey().objectives();
            out.printf("%nPareto front '%s': %s%n", entry.getKey().name(), objectives.stream()
                    .map(o -> o.direction().name().toLowerCase(Locale.ROOT) + " " + o.name()).toList());
            for (Map<String, Object> row : entry.getValue()) {
                StringBuilder line = new StringBuilder(String.format("  #%-4s", row.get("candidate_id")));
                for (Objective o : objectives) {
                    line.append(String.format("  %s %.5g", o.name(), ((Number) row.get(o.name())).doubleValue()));
                }
                out.println(line.append("  ").append(row.get("choices")));
            }
        }
        out.printf("%nresults: %s%n", outcome.runDirectory());
        out.flush();
    }
}
