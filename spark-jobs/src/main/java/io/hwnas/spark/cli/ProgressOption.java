package io.hwnas.spark.cli;

import io.hwnas.spark.SweepProgress;
import picocli.CommandLine.Option;

/** The {@code --progress} option of the commands that run a sweep. */
final class ProgressOption {

    enum Mode { auto, bar, log }

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
            description = "auto (a bar on an interactive terminal, else log lines), bar or log; default: ${DEFAULT-VALUE}")
    Mode mode;

    SweepProgress create() {
        boolean bar = mode == Mode.bar || (mode == Mode.auto && interactive());
        return bar ? new TerminalProgressBar(null) : SweepProgress.LOG;
    }

    /** A terminal on both ends: output piped to a file or run by cron or a scheduler gets log lines. */
    private static boolean interactive() {
        return System.console() != null && !"dumb".equals(System.getenv("TERM"));
    }
}
