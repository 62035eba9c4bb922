package io.hwnas.spark.cli;

import io.hwnas.arch.ArchitectureException;
import io.hwnas.hw.DeviceProfileException;
import io.hwnas.spark.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code hwnas} command line; also the main class for spark-submit. Exit codes: 0 success,
 * 2 bad input (config, arguments), 1 any other failure.
 */
@Command(name = "hwnas", mixinStandardHelpOptions = true, version = "hwnas 0.1.0",
        description = "Hardware-aware neural architecture search on Spark and DL4J.",
        subcommands = {SweepCommand.class, EstimateCommand.class, DevicesCommand.class, LutCommand.class,
                CalibrateCommand.class, ZooCommand.class, HantCommand.class, ProxyStudyCommand.class,
                ResumeCommand.class, NightlyCommand.class, TrainFrontCommand.class})
public final class HwnasCli {
    public static final int BAD_INPUT = 2;
    public static final int FAILURE = 1;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** The configured command line, e.g. to redirect its output in tests. */
    static CommandLine commandLine() {
        return new CommandLine(new HwnasCli())
                .setExitCodeExceptionMapper(e -> e instanceof ConfigException || e instanceof DeviceProfileException
                        || e instanceof ArchitectureException ? BAD_INPUT : FAILURE)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("hwnas: " + e.getMessage());
                    return cmd.getExitCodeExceptionMapper().getExitCode(e);
                });
    }
}
