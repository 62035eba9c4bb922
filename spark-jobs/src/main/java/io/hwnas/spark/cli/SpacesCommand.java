package io.hwnas.spark.cli;

import io.hwnas.arch.ArchitectureCounts;
import io.hwnas.space.Choice;
import io.hwnas.space.Dimension;
import io.hwnas.space.SearchSpace;
import io.hwnas.space.SpaceCapability;
import io.hwnas.space.SpaceHelp;
import io.hwnas.space.SpaceKind;
import io.hwnas.space.SpaceKinds;
import io.hwnas.spark.config.ConfigException;
import io.hwnas.spark.config.SweepConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "spaces", mixinStandardHelpOptions = true,
        description = {"List the search-space types a sweep config's 'space.type' accepts, with the config keys each "
                + "takes; with TYPE, the details of one.",
                "With --config FILE, the space of that config: its dimensions, their options and the number of points."})
final class SpacesCommand implements Callable<Integer> {
    /** Grids up to this size are enumerated to count the admissible points of a constrained space. */
    static final long ENUMERATION_LIMIT = 200_000;

    /**
     * One space type a config's {@code space.type} accepts.
     *
     * @param keys config key (besides {@code type}) → what it means, allowed values and default
     * @param example an example config under {@code examples/}; left out when there is none
     */
    @OutputRow
    record TypeRow(String type, String summary, List<String> details, Map<String, String> keys, String example) {
        TypeRow {
            details = List.copyOf(details);
            keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
        }

        static TypeRow of(SpaceKind kind) {
            SpaceHelp help = kind.help();
            return new TypeRow(kind.type(), help.summary(), help.details(), help.keys(), help.example());
        }
    }

    /**
     * The space of one config. The baseline's fields are left out for spaces without networks (tabular); as in
     * results.csv, {@code macs} and {@code trainableParams} count the baseline's deployed form, {@code training*}
     * its training-time one.
     *
     * @param dimensions dimension name → its options, in gene order
     * @param gridSize points in the grid of all options
     * @param admissible points the space's constraint admits; left out when the grid is too large to enumerate
     * @param baseline the baseline point: dimension name → its option
     */
    @OutputRow
    record ConfigRow(String config, String type, Map<String, List<String>> dimensions, BigInteger gridSize,
                     Long admissible, Map<String, String> baseline, Long trainingMacs, Long trainingParams, Long macs,
                     Long trainableParams) {
        ConfigRow {
            Map<String, List<String>> copy = new LinkedHashMap<>();
            dimensions.forEach((name, options) -> copy.put(name, List.copyOf(options)));
            dimensions = Collections.unmodifiableMap(copy);
            baseline = baseline == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(baseline));
        }
    }

    @Parameters(paramLabel = "TYPE", arity = "0..1", description = "a space type, e.g. activation")
    String type;

    @Option(names = "--config", paramLabel = "FILE", description = "a sweep config (YAML) whose space to print")
    Path config;

    @Mixin
    FormatOption format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (config != null && type != null) {
            throw new ConfigException("give either TYPE ('" + type + "') or --config, not both");
        }
        if (config != null) {
            format.print(out, ConfigRow.class, List.of(configRow()), SpacesCommand::printConfig);
        } else if (type != null) {
            format.print(out, TypeRow.class, List.of(TypeRow.of(find(type))), SpacesCommand::printType);
        } else {
            format.print(out, TypeRow.class, SpaceKinds.all().stream().map(TypeRow::of).toList(), SpacesCommand::printAll);
        }
        return 0;
    }

    private static SpaceKind find(String name) {
        return SpaceKinds.find(name).orElseThrow(() -> new ConfigException("TYPE '" + name
                + "' is not a space type (allowed: " + String.join(", ", SpaceKinds.types()) + ")"));
    }

    private static void printAll(PrintWriter out, List<TypeRow> types) {
        for (TypeRow t : types) {
            out.printf("%-11s %s%n", t.type(), t.summary());
            out.printf("%-11s keys: %s%n", "", String.join(", ", t.keys().keySet()));
            if (t.example() != null) {
                out.printf("%-11s example: %s%n", "", t.example());
            }
        }
        out.printf("%nDetails of one type: hwnas spaces TYPE; the space of a config: hwnas spaces --config FILE%n");
    }

    private static void printType(PrintWriter out, List<TypeRow> types) {
        TypeRow t = types.get(0);
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

    private ConfigRow configRow() {
        String source = config.toString();
        // binding alone checks the space; devices and data are the sweep's business, not the space's
        SearchSpace space = SweepConfigLoader.bind(SweepConfigLoader.read(config), source).space();
        Map<String, List<String>> dimensions = new LinkedHashMap<>();
        for (Dimension d : space.dimensions()) {
            dimensions.put(d.name(), d.options());
        }
        BigInteger grid = space.size();
        Long admissible = admissible(space, grid);
        if (!space.has(SpaceCapability.NETWORKS)) {
            return new ConfigRow(source, space.type(), dimensions, grid, admissible, null, null, null, null, null);
        }
        Choice baseline = space.baseline();
        ArchitectureCounts training = ArchitectureCounts.of(space.decode(baseline));
        ArchitectureCounts deployed = ArchitectureCounts.of(space.deploy(baseline).architecture());
        return new ConfigRow(source, space.type(), dimensions, grid, admissible, space.describe(baseline),
                training.macs(), training.trainableParams(), deployed.macs(), deployed.trainableParams());
    }

    private static void printConfig(PrintWriter out, List<ConfigRow> rows) {
        ConfigRow c = rows.get(0);
        out.printf("%s: space '%s', %d dimension(s)%n", c.config(), c.type(), c.dimensions().size());
        int width = c.dimensions().keySet().stream().mapToInt(String::length).max().orElse(0);
        for (Map.Entry<String, List<String>> d : c.dimensions().entrySet()) {
            out.printf("  %-" + width + "s  %s%n", d.getKey(), String.join(", ", d.getValue()));
        }
        String admissible = c.admissible() == null
                ? " (an upper bound if the space has a constraint; too many to enumerate)"
                : c.admissible() == c.gridSize().longValueExact() ? ", all admissible"
                : String.format(", %,d admissible under the space's constraint", c.admissible());
        out.printf("size: %,d point(s) in the grid%s%n", c.gridSize(), admissible);
        if (c.baseline() != null) {
            out.printf("baseline %s: %,d MACs, %,d parameters training-time; %,d MACs, %,d parameters deployed%n",
                    c.baseline(), c.trainingMacs(), c.trainingParams(), c.macs(), c.trainableParams());
        }
    }

    /** The admissible points when the grid is small enough to enumerate, else null. */
    private static Long admissible(SearchSpace space, BigInteger grid) {
        if (grid.compareTo(BigInteger.valueOf(ENUMERATION_LIMIT)) > 0) {
            return null;
        }
        long n = 0;
        for (Iterator<Choice> it = space.enumerate(); it.hasNext(); it.next()) {
            n++;
        }
        return n;
    }
}
