package io.hwnas.spark.cli;

import io.hwnas.io.HadoopConfigurations;
import io.hwnas.spark.config.ConfigException;
import io.hwnas.spark.config.StorageLocation;
import io.hwnas.spark.config.SweepConfigLoader;
import io.hwnas.spark.nightly.NightlyJob;
import io.hwnas.spark.store.RunLease;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;

@Command(name = "nightly", mixinStandardHelpOptions = true,
        description = "One night of a scheduled sweep: run (or resume) the config under ROOT/<date>/, reusing earlier "
                + "nights' evaluations, and write diff.json and diff.txt against the previous night's front.")
final class NightlyCommand implements Callable<Integer> {

    @Parameters(paramLabel = "CONFIG", description = "sweep config (YAML); its 'output' is replaced by ROOT/<date>")
    Path config;

    @Option(names = "--root", required = true, paramLabel = "ROOT", description = "directory of all nights (local path or Hadoop URI)")
    String root;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "the night; default: today (UTC)")
    String date;

    @Mixin
    SparkMaster sparkMaster;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        LocalDate night;
        try {
            night = date == null ? LocalDate.now(ZoneOffset.UTC) : LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw new ConfigException("option '--date' = '" + date + "' is not a date like 2026-11-23", e);
        }
        String text = SweepConfigLoader.read(config);
        StorageLocation.checkWritable("option '--root'", root);
        Configuration hadoop = HadoopConfigurations.create();
        NightlyJob.Night checked = NightlyJob.prepare(text, config.toString(), root, night, hadoop);
        // one nightly of a config per night at a time: two would resume the same interrupted run
        try (RunLease lease = RunLease.acquire(checked.plan().config().output(),
                checked.plan().config().name() + "-nightly", hadoop, RunLease.Timing.STANDARD)) {
            NightlyJob.Night prepared = NightlyJob.prepare(text, config.toString(), root, night, hadoop);
            try (SparkSession spark = sparkMaster.session("hwnas-nightly " + prepared.plan().config().name() + " "
                    + night, prepared.plan().config().spark())) {
                NightlyJob.Result result = NightlyJob.run(spark, prepared);
                SweepCommand.print(spec.commandLine().getOut(), result.outcome());
                spec.commandLine().getOut().printf("%n%s", result.diff().text());
                spec.commandLine().getOut().flush();
            }
        }
        return 0;
    }
}
