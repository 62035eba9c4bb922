package io.hwnas.spark.cli;

import io.hwnas.eval.Quantization;
import io.hwnas.spark.ProxyStudyJob;
import io.hwnas.spark.config.ConfigException;
import io.hwnas.search.SearchSettings;
import io.hwnas.spark.config.SweepConfig;
import io.hwnas.spark.config.StorageLocation;
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
import java.util.concurrent.Callable;

@Command(name = "proxy-study", mixinStandardHelpOptions = true,
        description = "Score K candidates of a sweep config's space with every training-free proxy, train them briefly "
                + "on Spark, and report each proxy's Kendall tau and Spearman rho against validation accuracy.")
final class ProxyStudyCommand implements Callable<Integer> {

    @Parameters(paramLabel = "CONFIG", description = "sweep config (YAML): its space, data, training, devices and seed")
    Path config;

    @Option(names = "--candidates", paramLabel = "K", description = "candidates to sample (default: the config's 'candidates')")
    Integer candidates;

    @Option(names = "--output", paramLabel = "DIR",
            description = "directory (local or Hadoop URI) for the study's directory (default: the config's 'output')")
    String output;

    @Mixin
    SparkMaster sparkMaster;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String text = SweepConfigLoader.read(config);
        SweepConfig parsed = withOverrides(SweepConfigLoader.parse(text, config.toString()));
        ProxyStudyJob.validate(parsed, config.toString());
        try (SparkSession spark = sparkMaster.session("hwnas-proxy-study " + parsed.name(), parsed.spark())) {
            ProxyStudyJob.Outcome outcome = ProxyStudyJob.run(spark, parsed, config.toString(), text);
            PrintWriter out = spec.commandLine().getOut();
            out.print(outcome.summary());
            out.printf("%nresults: %s%n", outcome.runDirectory());
            out.flush();
        }
        return 0;
    }

    private SweepConfig withOverrides(SweepConfig c) {
        if (candidates != null && (candidates < ProxyStudyJob.MIN_CANDIDATES || candidates > SearchSettings.MAX_EVALUATIONS)) {
            throw new ConfigException("option '--candidates' = " + candidates + " must be in "
                    + ProxyStudyJob.MIN_CANDIDATES + ".." + SearchSettings.MAX_EVALUATIONS);
        }
        if (output != null) {
            if (output.isBlank()) {
                throw new ConfigException("option '--output' must not be empty");
            }
            StorageLocation.checkWritable("option '--output'", output);
        }
        // a study samples at random whatever strategy the sweep config names
        SearchSettings random = SearchSettings.random(candidates == null ? c.evaluations() : candidates, 0);
        return new SweepConfig(c.name(), c.seed(), random, c.space(), c.data(), c.training(), c.proxies(), c.devices(),
                c.execution(), output == null ? c.output() : output, c.task(), c.spark(),
                Quantization.NONE);
    }
}
