package io.hwnas.spark.cli;

import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureCounts;
import io.hwnas.io.StrictYaml;
import io.hwnas.space.Choice;
import io.hwnas.space.Dimension;
import io.hwnas.space.SearchSpace;
import io.hwnas.spark.config.ConfigException;
import io.hwnas.spark.config.SweepConfig;
import io.hwnas.spark.config.SweepConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

@Command(name = "spaces", mixinStandardHelpOptions = true,
        description = {"List the search-space types a sweep config's 'space.type' accepts, with the config keys each "
                + "takes; with TYPE, the details of one.",
                "With --config FILE, the space of that config: its dimensions, their options and the number of points."})
final class SpacesCommand implements Callable<Integer> {
    /** Grids up to this size are enumerated to count the admissible points of a constrained space. */
    static final long ENUMERATION_LIMIT = 200_000;

    @Parameters(paramLabel = "TYPE", arity = "0..1", description = "a space type, e.g. activation")
    String type;

    @Option(names = "--config", paramLabel = "FILE", description = "a sweep config (YAML) whose space to print")
    Path config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (config != null && type != null) {
            throw new ConfigException("give either TYPE ('" + type + "') or --config, not both");
        }
        if (config != null) {
            printConfig(out);
        } else if (type != null) {
            printType(out, find(type));
        } else {
            printAll(out);
        }
        out.flush();
        return 0;
    }

    private static SpaceTypes.SpaceType find(String name) {
        return SpaceTypes.all().stream().filter(t -> t.type().equals(name)).findFirst()
                .orElseThrow(() -> new ConfigException("TYPE '" + name + "' is not a space type (allowed: "
                        + SpaceTypes.all().stream().map(SpaceTypes.SpaceType::type).collect(Collectors.joining(", ")) + ")"));
    }

    private static void printAll(PrintWriter out) {
        for (SpaceTypes.SpaceType t : SpaceTypes.all()) {
            out.printf("%-11s %s%n", t.type(), t.summary());
            out.printf("%-11s keys: %s%n", "", String.join(", ", t.keys().keySet()));
            if (t.example() != null) {
                out.printf("%-11s example: %s%n", "", t.example());
            }
        }
        out.printf("%nDetails of one type: hwnas spaces TYPE; the space of a config: hwnas spaces --config FILE%n");
    }

    private static void printType(PrintWriter out, SpaceTypes.SpaceType t) {
        out.printf("%s: %s%n", t.type(), t.summary());
        for (String d : t.details()) {
            out.printf("  %s%n", d);
        }
        out.printf("%nconfig keys (under 'space:', with 'type: %s'):%n", t.type());
        int width = t.keys().keySet().stream().mapToInt(String::length).max().orElse(0);
        for (Map.Entry<String, String> k : t.keys().entrySet()) {
            out.printf("  %-" + width + "s  %s%n", k.getKey(), k.getValue());
        }
        if (t.example() != null) {
            out.printf("%nexample: %s%n", t.example());
        }
    }

    private void printConfig(PrintWriter out) {
        String source = config.toString();
        // binding alone checks the space; devices and data are the sweep's business, not the space's
        SearchSpace space = StrictYaml.read(SweepConfigLoader.read(config), SweepConfig.class, source).space();
        List<Dimension> dims = space.dimensions();
        out.printf("%s: space '%s', %d dimension(s)%n", source, space.type(), dims.size());
        int width = dims.stream().mapToInt(d -> d.name().length()).max().orElse(0);
        for (Dimension d : dims) {
            out.printf("  %-" + width + "s  %s%n", d.name(), String.join(", ", d.options()));
        }
        BigInteger grid = space.size();
        out.printf("size: %,d point(s) in the grid%s%n", grid, admissible(space, grid));
        if (space.hasArchitectures()) {
            Choice baseline = space.baseline();
            Architecture arch = space.decode(baseline);
            Architecture deployed = space.deploy(baseline).architecture();
            out.printf("baseline %s: %,d MACs, %,d parameters training-time; %,d MACs, %,d parameters deployed%n",
                    space.describe(baseline), ArchitectureCounts.of(arch).macs(),
                    ArchitectureCounts.of(arch).trainableParams(), ArchitectureCounts.of(deployed).macs(),
                    ArchitectureCounts.of(deployed).trainableParams());
        }
    }

    /** The admissible count when the space has a constraint and the grid is small enough to enumerate. */
    private static String admissible(SearchSpace space, BigInteger grid) {
        if (grid.compareTo(BigInteger.valueOf(ENUMERATION_LIMIT)) > 0) {
            return " (an upper bound if the space has a constraint; too many to enumerate)";
        }
        long n = 0;
        for (Iterator<Choice> it = space.enumerate(); it.hasNext(); it.next()) {
            n++;
        }
        return n == grid.longValueExact() ? ", all admissible" : String.format(", %,d admissible under the space's constraint", n);
    }
}
