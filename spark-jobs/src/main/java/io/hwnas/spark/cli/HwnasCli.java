package io.hwnas.spark.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code hwnas} command line; also the main class for spark-submit. Exit codes: 0 success,
 * 2 bad input (config, arguments), 1 any other failure.
 */
@Command(name = "hwnas", mixinStandardHelpOptions = true, version = "hwnas 0.1.0",
        description = "Hardware-aware neural architecture search on Spark and DL4J.",
        subcommands = {SweepCommand.class})
public final class HwnasCli {
    public static final int BAD_INPUT = 2;
    public static final int FAILURE = 1;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        return new CommandLine(new HwnasCli())
                .setExitCodeExceptionMapper(e -> e instanceof io.hwnas.spark.config.ConfigException ? BAD_INPUT : FAILURE)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("hwnas: " + e.getMessage());
                    return cmd.getExitCodeExceptionMapper().getExitCode(e);
                })
                .execute(args);
    }
}
