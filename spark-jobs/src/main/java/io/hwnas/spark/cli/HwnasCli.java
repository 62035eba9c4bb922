package io.hwnas.spark.cli;

import io.hwnas.arch.ArchitectureException;
import io.hwnas.io.BadInputException;
import io.hwnas.spark.store.BuildInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

import java.io.PrintWriter;

/**
 * The {@code hwnas} command line; also the main class for spark-submit. Exit codes: 0 success,
 * 2 bad input (config, arguments, usage), 1 any other failure. A failure prints one line
 * ({@code hwnas: <message>}); {@code --verbose}, anywhere on the command line, adds the stack trace.
 */
@Command(name = "hwnas", mixinStandardHelpOptions = true, versionProvider = HwnasCli.Version.class,
        description = "Hardware-aware neural architecture search on Spark and DL4J.",
        subcommands = {SweepCommand.class, EstimateCommand.class, DevicesCommand.class, LutCommand.class,
                CalibrateCommand.class, ZooCommand.class, HantCommand.class, ProxyStudyCommand.class,
                ResumeCommand.class, NightlyCommand.class, TrainFrontCommand.class, ReportCommand.class,
                CollapseCommand.class, ExportCommand.class, SpacesCommand.class, ProfileCommand.class,
                TableCommand.class, PredictorCommand.class})
public final class HwnasCli {
    public static final int BAD_INPUT = 2;
    public static final int FAILURE = 1;
    static final String VERBOSE = "--verbose";

    // inherited, so it is accepted before and after the subcommand; read from the parse result, not this field,
    // because picocli sets the copy of whichever command it was given on
    @Option(names = {"-v", VERBOSE}, scope = ScopeType.INHERIT,
            description = "on failure, print the stack trace after the one-line message")
    boolean verbose;

    /** {@code --version}: the build's own versions and commit, the ones run provenance records. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            BuildInfo b = BuildInfo.current();
            return new String[] {"hwnas " + b.hwnasVersion() + " (" + b.gitCommit() + (b.gitDirty() ? ", dirty" : "") + ")",
                    "Spark " + b.sparkVersion() + " (Scala " + b.scalaVersion() + "), DL4J " + b.dl4jVersion()
                            + ", Java " + System.getProperty("java.version")};
        }
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** The configured command line, e.g. to redirect its output in tests. */
    static CommandLine commandLine() {
        return new CommandLine(new HwnasCli())
                .setExitCodeExceptionMapper(HwnasCli::exitCode)
                .setParameterExceptionHandler(HwnasCli::usageError)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    int code = exitCode(e);
                    PrintWriter err = cmd.getErr();
                    err.println("hwnas: " + ErrorMessage.oneLine(e, code == FAILURE));
                    if (verbose(parsed)) {
                        e.printStackTrace(err);
                    }
                    err.flush();
                    return code;
                });
    }

    /**
     * A usage error (unknown command or option, missing or malformed parameter) as the one line every other bad
     * input gets, with picocli's suggestions and where the usage is, instead of picocli's message and whole usage.
     */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        StringBuilder line = new StringBuilder("hwnas: ").append(ErrorMessage.oneLine(e, false));
        if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            line.append("; did you mean ").append(String.join(" or ", u.getSuggestions())).append('?');
        }
        line.append(" (usage: ").append(cmd.getCommandSpec().qualifiedName()).append(" --help)");
        PrintWriter err = cmd.getErr();
        err.println(line);
        err.flush();
        return BAD_INPUT;
    }

    private static int exitCode(Throwable e) {
        // a mapper, once set, also decides usage errors, which picocli would otherwise give exit code 2
        return e instanceof BadInputException || e instanceof ArchitectureException
                || e instanceof CommandLine.ParameterException ? BAD_INPUT : FAILURE;
    }

    private static boolean verbose(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption(VERBOSE)) {
                return true;
            }
        }
        return false;
    }
}
