package io.hwnas.spark.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every registered command, nested ones included, answers --help with its usage and exit code 0. */
class HelpTest {

    @Test
    void everyCommandHasHelp() {
        List<List<String>> paths = new ArrayList<>();
        collect(HwnasCli.commandLine(), new ArrayList<>(), paths);
        assertTrue(paths.size() >= 15, "root, the subcommands and lut build: " + paths);
        for (List<String> path : paths) {
            for (String help : List.of("--help", "-h")) {
                List<String> args = new ArrayList<>(path);
                args.add(help);
                CostCommandsTest.Run r = CostCommandsTest.run(args.toArray(String[]::new));
                String name = String.join(" ", path);
                assertEquals(0, r.code(), name + ": " + r.err());
                assertTrue(r.out().startsWith("Usage: hwnas" + (name.isEmpty() ? "" : " " + name) + " "), r.out());
                assertTrue(r.out().contains("-v, --verbose"), name + ": --verbose is inherited");
            }
        }
    }

    @Test
    void versionNamesTheBuild() {
        CostCommandsTest.Run r = CostCommandsTest.run("--version");
        assertEquals(0, r.code(), r.err());
        // the commit git-commit-id recorded at build time, 40 hex digits (or "unknown" outside a checkout)
        assertTrue(r.out().matches("(?s)hwnas \\S+ \\(([0-9a-f]{40}|unknown)(, dirty)?\\)\\R"
                + "Spark 3\\.5\\.\\d+ \\(Scala 2\\.12\\), DL4J 1\\.0\\.0-M2, Java 17.*"), r.out());
    }

    private static void collect(CommandLine cmd, List<String> path, List<List<String>> out) {
        out.add(List.copyOf(path));
        for (var e : cmd.getSubcommands().entrySet()) {
            List<String> sub = new ArrayList<>(path);
            sub.add(e.getKey());
            collect(e.getValue(), sub, out);
        }
    }
}
