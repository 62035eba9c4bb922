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

    private static void collect(CommandLine cmd, List<String> path, List<List<String>> out) {
        out.add(List.copyOf(path));
        for (var e : cmd.getSubcommands().entrySet()) {
            List<String> sub = new ArrayList<>(path);
            sub.add(e.getKey());
            collect(e.getValue(), sub, out);
        }
    }
}
