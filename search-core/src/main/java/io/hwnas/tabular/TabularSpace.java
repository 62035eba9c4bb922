package io.hwnas.tabular;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.google.auto.service.AutoService;
import io.hwnas.arch.Architecture;
import io.hwnas.space.Choice;
import io.hwnas.space.Dimension;
import io.hwnas.space.SearchSpace;
import io.hwnas.space.SpaceCapability;
import io.hwnas.space.SpaceHelp;
import io.hwnas.space.DeclaredSpaceKind;
import io.hwnas.space.SpaceKind;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A space whose points are rows of a table (published tabular NAS benchmarks, or a table
 * {@link TabularTableGenerator} wrote), so strategies can be compared in seconds: the dimensions and
 * their options are declared in the config, and a {@link TabularEvaluator} looks every point up in
 * the CSV {@code table} instead of building and training a network. The table is read by the
 * evaluator, not here, so a config can be validated without it.
 *
 * @param table path of the CSV file: one column per dimension, then one per metric; relative to the
 *     directory of the config file naming it once {@link #relativeTo} resolved it
 */
public record TabularSpace(List<Dimension> dimensions, String table) implements SearchSpace {

    public static final String TYPE = "tabular";
    /** A URI scheme of two or more letters, so a Windows drive letter is not taken for one. */
    private static final Pattern URI_SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]+:");

    public TabularSpace {
        if (dimensions == null || dimensions.isEmpty()) {
            throw new IllegalArgumentException("field 'dimensions' must list at least one dimension, e.g. "
                    + "{name: op1, options: [conv3x3, skip]}");
        }
        Set<String> names = new HashSet<>();
        for (Dimension d : dimensions) {
            if (d == null) {
                throw new IllegalArgumentException("field 'dimensions' contains an empty entry");
            }
            if (!names.add(d.name())) {
                throw new IllegalArgumentException("field 'dimensions' declares '" + d.name() + "' twice");
            }
        }
        dimensions = List.copyOf(dimensions);
        if (table == null || table.isBlank()) {
            throw new IllegalArgumentException("field 'table' is required: the CSV file holding one row per point");
        }
    }

    @JsonCreator
    static TabularSpace fromJson(@JsonProperty("dimensions") List<Dimension> dimensions,
                                 @JsonProperty("table") String table) {
        return new TabularSpace(dimensions, table);
    }

    /** Always throws: a table row has metrics but no network. */
    @Override
    public Architecture decode(Choice choice) {
        throw new UnsupportedOperationException("the tabular space has no networks: point " + choice
                + " is a row of " + table + ", evaluated by looking it up with a TabularEvaluator");
    }

    /**
     * A relative {@code table} resolved against the config's directory; an absolute path or a URI
     * ({@code hdfs://...}, {@code file:/...}) is already complete and kept as is.
     */
    @Override
    public TabularSpace relativeTo(Path configDir) {
        if (URI_SCHEME.matcher(table).lookingAt() || Path.of(table).isAbsolute()) {
            return this;
        }
        return new TabularSpace(dimensions, configDir.resolve(table).normalize().toString());
    }

    @Override
    public Path lookupTable() {
        return Path.of(table);
    }

    /** This space's kind: its config type, capabilities and what {@code hwnas spaces} says about it. */
    @AutoService(SpaceKind.class)
    public static final class Kind extends DeclaredSpaceKind {
        public Kind() {
            super(TYPE, TabularSpace.class, SpaceCapability.TABLE);
        }

        @Override
        public SpaceHelp help() {
            Map<String, String> keys = new LinkedHashMap<>();
            keys.put("table", "CSV file with one column per dimension, then any numeric metric columns (required; "
                    + "relative to the directory of the config file)");
            keys.put("dimensions", "the dimensions, each {name, options: [...]} naming a table column and its values "
                    + "(required)");
            return new SpaceHelp("a table lookup instead of training (published tabular NAS data or a generated table)",
                    List.of("Dimensions: as declared; every point is a row of the table, so sweeps take seconds.",
                            "No networks: train-front, export and collapse do not apply."),
                    keys, "examples/tabular.yaml");
        }
    }
}
