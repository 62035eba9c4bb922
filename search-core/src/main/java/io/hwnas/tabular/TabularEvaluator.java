package io.hwnas.tabular;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.hwnas.eval.Candidate;
import io.hwnas.eval.Column;
import io.hwnas.eval.DeviceCost;
import io.hwnas.eval.EvaluationResult;
import io.hwnas.eval.Evaluator;
import io.hwnas.eval.ResultTable;
import io.hwnas.eval.Status;
import io.hwnas.io.Mappers;
import io.hwnas.space.Choice;
import io.hwnas.space.Dimension;
import io.hwnas.space.SearchSpace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Evaluates points of a tabular space by looking them up in a CSV table, read and checked once.
 * The table has one column per dimension (holding option names) and any number of metric columns
 * named like result columns: {@code accuracy}, {@code macs}, {@code trainable_params}, ...,
 * {@code latency_ms_<device>}, {@code fps_<device>}, {@code peak_memory_bytes_<device>},
 * {@code fits_on_chip_<device>}; every other column is a numeric score that lands in the result's
 * proxies map under its own name, so it can be an objective ({@code naswot}, a benchmark's own
 * accuracy columns). Metrics a table lacks read as NaN (decimals), -1 (counts) or false.
 *
 * <p>A point missing from the table becomes a {@link Status#FAILED} result naming it, and the search
 * goes on. A table that disagrees with the space (a missing dimension column, an undeclared option,
 * the same point twice, a value that is not a number) is rejected on loading with the file, line,
 * column and value.
 */
public final class TabularEvaluator implements Evaluator {
    private static final Logger LOG = LoggerFactory.getLogger(TabularEvaluator.class);

    /** Result columns that describe an evaluation run rather than the point; a table cannot carry them. */
    static final Set<String> BOOKKEEPING =
            Set.of("candidate_id", "generation", "fingerprint", "choices", "status", "error", "seed", "worker");
    /** Per-device column prefixes, in the order {@link ResultTable} lists a device's columns. */
    static final List<String> DEVICE_PREFIXES = List.of("latency_ms_", "fps_", "peak_memory_bytes_", "fits_on_chip_");
    private static final ResultTable DEVICELESS = new ResultTable(List.of());
    private static final long ABSENT = -1;

    private final String source;
    private final String worker;
    private final List<Dimension> dimensions;
    private final Map<Choice, EvaluationResult> rows;
    private final List<String> devices;
    private final List<String> proxies;
    private final List<String> metrics;

    private TabularEvaluator(String source, List<Dimension> dimensions, Map<Choice, EvaluationResult> rows,
                             List<String> devices, List<String> proxies, List<String> metrics) {
        this.source = source;
        this.worker = worker(source);
        this.dimensions = dimensions;
        this.rows = rows;
        this.devices = List.copyOf(devices);
        this.proxies = List.copyOf(proxies);
        this.metrics = List.copyOf(metrics);
    }

    /** The space's own table, devices named by their column suffix ({@code ethos_u55_128}). */
    public static TabularEvaluator load(TabularSpace space) {
        return load(space, space.lookupTable(), List.of());
    }

    /**
     * @param space declares the dimension columns and their options
     * @param deviceIds device ids ({@code ethos-u55-128}) to name the table's devices by; each must
     *     have columns in the table (matched by {@link ResultTable#deviceSuffix}); devices not listed
     *     keep their column suffix as name
     */
    public static TabularEvaluator load(SearchSpace space, Path table, List<String> deviceIds) {
        try {
            // a table of 10⁶ points takes half a minute and half a GB: the sweep's report and the sweep share one
            LoadedTable key = new LoadedTable(table.toAbsolutePath().normalize(), Files.getLastModifiedTime(table).toMillis(),
                    Files.size(table), space.dimensions(), List.copyOf(deviceIds));
            synchronized (LOADED) {
                LOADED.values().removeIf(ref -> ref.get() == null);
                TabularEvaluator loaded = LOADED.getOrDefault(key, new WeakReference<>(null)).get();
                if (loaded != null) {
                    return loaded;
                }
            }
            TabularEvaluator read;
            try (Reader in = Files.newBufferedReader(table, StandardCharsets.UTF_8)) {
                read = read(space, table.toString(), in, deviceIds);
            }
            synchronized (LOADED) {
                LOADED.put(key, new WeakReference<>(read));
            }
            return read;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("tabular table " + table + " does not exist (field 'space.table')", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tabular table " + table + ": " + e.getMessage(), e);
        }
    }

    /** A table file as loaded (its content by modification time and size) for a space's dimensions and device ids. */
    private record LoadedTable(Path file, long modified, long size, List<Dimension> dimensions, List<String> deviceIds) {
    }

    /** Tables loaded in this JVM and still in use somewhere: weakly held, so an unused one is collected. */
    private static final Map<LoadedTable, WeakReference<TabularEvaluator>> LOADED = new HashMap<>();

    /** What one table column holds. */
    private record ColumnRole(String name, Column.Type type, int dimension, String device, boolean proxy) {
    }

    static TabularEvaluator read(SearchSpace space, String source, Reader in, List<String> deviceIds) throws IOException {
        List<Dimension> dims = space.dimensions();
        try (MappingIterator<String[]> it = Mappers.csv().readerFor(String[].class)
                .with(CsvParser.Feature.WRAP_AS_ARRAY).with(CsvParser.Feature.TRIM_SPACES).readValues(in)) {
            if (!it.hasNextValue()) {
                throw new IllegalArgumentException(source + " is empty; it needs a header line naming the dimension "
                        + "and metric columns");
            }
            List<ColumnRole> roles = roles(source, it.nextValue(), dims);
            List<String> suffixes = new ArrayList<>(new LinkedHashSet<>(
                    roles.stream().filter(r -> r.device() != null).map(ColumnRole::device).toList()));
            List<String> names = deviceNames(source, suffixes, deviceIds);
            String worker = worker(source);
            Map<Choice, EvaluationResult> rows = new LinkedHashMap<>();
            Map<Choice, Long> lineOf = new HashMap<>();
            while (true) {
                long line = it.getParser().getCurrentLocation().getLineNr();
                if (!it.hasNextValue()) {
                    break;
                }
                String[] fields = it.nextValue();
                if (fields.length == 0 || (fields.length == 1 && fields[0].isEmpty())) {
                    continue;
                }
                if (fields.length != roles.size()) {
                    throw new IllegalArgumentException(source + " line " + line + ": " + fields.length
                            + " fields, but the header names " + roles.size() + " columns");
                }
                Integer[] genes = new Integer[dims.size()];
                Map<String, Object> values = new HashMap<>();
                for (int c = 0; c < roles.size(); c++) {
                    ColumnRole role = roles.get(c);
                    String raw = fields[c];
                    if (role.dimension() >= 0) {
                        Dimension d = dims.get(role.dimension());
                        int option = d.options().indexOf(raw);
                        if (option < 0) {
                            throw new IllegalArgumentException(source + " line " + line + ", column '" + role.name()
                                    + "': option '" + raw + "' is not declared in the space (options: " + d.options() + ")");
                        }
                        genes[role.dimension()] = option;
                    } else {
                        values.put(role.name(), parse(source, line, role, raw));
                    }
                }
                Choice choice = new Choice(List.of(genes));
                Long earlier = lineOf.putIfAbsent(choice, line);
                if (earlier != null) {
                    throw new IllegalArgumentException(source + " line " + line + " repeats the point "
                            + describe(dims, choice) + " of line " + earlier);
                }
                rows.put(choice, result(values, suffixes, names, roles, worker));
            }
            List<String> proxies = roles.stream().filter(ColumnRole::proxy).map(ColumnRole::name).toList();
            List<String> metrics = roles.stream().filter(r -> r.dimension() < 0).map(ColumnRole::name).toList();
            LOG.info("tabular table {}: {} points of {}, metrics {}", source, rows.size(), space.size(), metrics);
            return new TabularEvaluator(source, dims, rows, names, proxies, metrics);
        }
    }

    private static List<ColumnRole> roles(String source, String[] header, List<Dimension> dims) {
        List<String> dimNames = dims.stream().map(Dimension::name).toList();
        List<ColumnRole> roles = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int c = 0; c < header.length; c++) {
            String name = header[c];
            if (name.isEmpty()) {
                throw new IllegalArgumentException(source + " line 1: column " + (c + 1) + " has no name");
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException(source + " line 1: column '" + name + "' appears twice");
            }
            roles.add(role(source, name, dimNames));
        }
        for (String d : dimNames) {
            if (!seen.contains(d)) {
                throw new IllegalArgumentException(source + " has no column for dimension '" + d
                        + "'; its columns are " + seen);
            }
        }
        return roles;
    }

    private static ColumnRole role(String source, String name, List<String> dimNames) {
        int dim = dimNames.indexOf(name);
        if (dim >= 0) {
            return new ColumnRole(name, Column.Type.STRING, dim, null, false);
        }
        if (BOOKKEEPING.contains(name)) {
            throw new IllegalArgumentException(source + " line 1: column '" + name + "' records how a run went, not a "
                    + "metric of the point; a table holds dimension columns " + dimNames + " and metric columns only");
        }
        for (String prefix : DEVICE_PREFIXES) {
            if (name.startsWith(prefix) && name.length() > prefix.length()) {
                String device = name.substring(prefix.length());
                if (!device.equals(ResultTable.deviceSuffix(device))) {
                    throw new IllegalArgumentException(source + " line 1: column '" + name + "' names device '" + device
                            + "'; result columns write devices in lower case with '_' (" + prefix
                            + ResultTable.deviceSuffix(device) + ")");
                }
                // the type of e.g. fps_<device> is the type of ResultTable's fps column for any device
                Column.Type type = new ResultTable(List.of(device)).column(name).type();
                return new ColumnRole(name, type, -1, device, false);
            }
        }
        if (DEVICELESS.names().contains(name)) {
            return new ColumnRole(name, DEVICELESS.column(name).type(), -1, null, false);
        }
        return new ColumnRole(name, Column.Type.DOUBLE, -1, null, true);
    }

    private static List<String> deviceNames(String source, List<String> suffixes, List<String> deviceIds) {
        List<String> names = new ArrayList<>(suffixes);
        for (String id : deviceIds) {
            int i = suffixes.indexOf(ResultTable.deviceSuffix(id));
            if (i < 0) {
                throw new IllegalArgumentException(source + " has no columns for device '" + id + "' (e.g. latency_ms_"
                        + ResultTable.deviceSuffix(id) + "); its devices are " + suffixes);
            }
            names.set(i, id);
        }
        return names;
    }

    private static Object parse(String source, long line, ColumnRole role, String raw) {
        String where = source + " line " + line + ", column '" + role.name() + "': '" + raw + "'";
        switch (role.type()) {
            case BOOLEAN -> {
                return switch (raw.toLowerCase(Locale.ROOT)) {
                    case "true", "1" -> true;
                    case "false", "0" -> false;
                    default -> throw new IllegalArgumentException(where + " is not a boolean (true, false, 1 or 0)");
                };
            }
            case LONG, INT -> {
                try {
                    return Long.parseLong(raw);
                } catch (NumberFormatException notPlain) {
                    // counts in scientific notation (1.2e6) are fine as long as they are whole
                    try {
                        double d = Double.parseDouble(raw);
                        if (d == Math.rint(d) && Math.abs(d) < 0x1p53) {
                            return (long) d;
                        }
                    } catch (NumberFormatException ignored) {
                        // reported below
                    }
                    throw new IllegalArgumentException(where + " is not a whole number");
                }
            }
            default -> {
                if (raw.isEmpty() || raw.equalsIgnoreCase("nan")) {
                    return Double.NaN;
                }
                try {
                    return Double.parseDouble(raw);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(where + " is not a number");
                }
            }
        }
    }

    /**
     * The row as a result template: ids, seed and fingerprint are the candidate's and are filled in
     * when it is looked up.
     */
    private static EvaluationResult result(Map<String, Object> values, List<String> suffixes, List<String> names,
                                           List<ColumnRole> roles, String worker) {
        List<DeviceCost> devices = new ArrayList<>();
        for (int i = 0; i < suffixes.size(); i++) {
            String s = suffixes.get(i);
            devices.add(new DeviceCost(names.get(i), decimal(values, "latency_ms_" + s), decimal(values, "fps_" + s),
                    count(values, "peak_memory_bytes_" + s), Boolean.TRUE.equals(values.get("fits_on_chip_" + s))));
        }
        Map<String, Double> proxies = new HashMap<>();
        for (ColumnRole r : roles) {
            if (r.proxy()) {
                proxies.put(r.name(), (Double) values.get(r.name()));
            }
        }
        long trainSamples = values.containsKey("train_samples") ? count(values, "train_samples") : 0;
        return new EvaluationResult(0, 0, "", Map.of(), Status.OK, null,
                decimal(values, "accuracy"), decimal(values, "accuracy_se"), decimal(values, "loss"), count(values, "macs"),
                count(values, "trainable_params"), count(values, "state_params"),
                count(values, "peak_activation_elements"), devices, count(values, "training_macs"),
                count(values, "training_params"), decimal(values, "train_seconds"), decimal(values, "eval_seconds"),
                trainSamples, decimal(values, "train_samples_per_second"), 0, worker, proxies);
    }

    private static double decimal(Map<String, Object> values, String name) {
        Object v = values.get(name);
        return v == null ? Double.NaN : ((Number) v).doubleValue();
    }

    private static long count(Map<String, Object> values, String name) {
        Object v = values.get(name);
        return v == null ? ABSENT : ((Number) v).longValue();
    }

    private static String worker(String source) {
        return "table:" + Path.of(source).getFileName();
    }

    private static Map<String, String> describeMap(List<Dimension> dims, Choice choice) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < dims.size(); i++) {
            Dimension d = dims.get(i);
            int g = choice.gene(i);
            out.put(d.name(), g < d.size() ? d.options().get(g) : "#" + g);
        }
        return out;
    }

    private static String describe(List<Dimension> dims, Choice choice) {
        return describeMap(dims, choice).toString();
    }

    @Override
    public List<EvaluationResult> evaluate(List<Candidate> candidates) {
        List<EvaluationResult> out = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            if (c.choice().genes().size() != dimensions.size()) {
                throw new IllegalArgumentException("candidate " + c.id() + " has " + c.choice().genes().size()
                        + " genes, the table " + source + " has " + dimensions.size() + " dimension columns");
            }
            EvaluationResult row = rows.get(c.choice());
            out.add(row == null ? missing(c) : withIdentity(row, c));
        }
        return out;
    }

    private EvaluationResult missing(Candidate c) {
        String error = "point " + describe(dimensions, c.choice()) + " (choice " + c.choice() + ") is not in table "
                + source;
        return new EvaluationResult(c.id(), c.generation(), c.fingerprint(), c.description(), Status.FAILED, error,
                Double.NaN, Double.NaN, Double.NaN, ABSENT, ABSENT, ABSENT, ABSENT, List.of(), ABSENT, ABSENT, Double.NaN,
                Double.NaN, 0, Double.NaN, c.seed(), worker, Map.of());
    }

    private static EvaluationResult withIdentity(EvaluationResult r, Candidate c) {
        return new EvaluationResult(c.id(), c.generation(), c.fingerprint(), c.description(), r.status(), r.error(),
                r.accuracy(), r.accuracySe(), r.loss(), r.macs(), r.trainableParams(), r.stateParams(), r.peakActivationElements(),
                r.devices(), r.trainingMacs(), r.trainingParams(), r.trainSeconds(), r.evalSeconds(), r.trainSamples(),
                r.trainSamplesPerSecond(), c.seed(), r.worker(), r.proxies());
    }

    /** Device names in column order: an id given on loading, else the column suffix. */
    public List<String> devices() {
        return devices;
    }

    /** Metric columns outside the standard result columns, in column order; they are results' proxies. */
    public List<String> proxies() {
        return proxies;
    }

    /** Every metric column of the table, in column order: what objectives and constraints may name. */
    public List<String> metrics() {
        return metrics;
    }

    /**
     * The metric columns a user of the table knows without training a point (counts, device costs, proxy
     * scores: what counting or costing a network gives), as opposed to {@link TabularTableGenerator#TRAINING_COLUMNS}.
     */
    public List<String> knownWithoutTraining() {
        return metrics.stream().filter(m -> !TabularTableGenerator.TRAINING_COLUMNS.contains(m)).toList();
    }

    /** The table's row for a point, if it has one. */
    public Optional<EvaluationResult> row(Choice choice) {
        return Optional.ofNullable(rows.get(choice));
    }

    /** The result table whose columns hold this table's devices and extra metrics. */
    public ResultTable resultTable() {
        return new ResultTable(devices, proxies);
    }

    /** Points in the table. */
    public int size() {
        return rows.size();
    }

    @Override
    public String toString() {
        return "TabularEvaluator[" + source + ", " + rows.size() + " points, metrics " + metrics + ", devices "
                + devices + "]";
    }
}
