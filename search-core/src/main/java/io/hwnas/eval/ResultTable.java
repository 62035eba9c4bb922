package io.hwnas.eval;

import io.hwnas.io.Mappers;
import io.hwnas.sr.Task;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The flat, one-row-per-candidate form of results shared by results.csv and results.parquet, so
 * the two files can never disagree on columns. {@code macs}, the params, peak activation and the
 * device columns describe the deployed form; {@code training_macs} and {@code training_params} the
 * form that was trained. Per-device columns are suffixed with the device id
 * in snake case ({@code fps_ethos_u55_128}).
 */
public final class ResultTable {
    private static final ObjectMapper JSON = Mappers.json();

    private final List<Column> columns;
    /** Objectives read columns by name for every result in every batch, so the lookup must not scan. */
    private final Map<String, Column> byName = new LinkedHashMap<>();

    public ResultTable(List<String> devices) {
        this(devices, List.of());
    }

    /** @param proxies the proxy scores computed, one column each under the proxy's name */
    public ResultTable(List<String> devices, List<String> proxies) {
        this(devices, proxies, Task.CLASSIFICATION);
    }

    /**
     * @param task a super-resolution task adds {@code psnr}, {@code ssim} and {@code psnr_bicubic} after {@code loss};
     *     classification's columns stay as they were
     */
    public ResultTable(List<String> devices, List<String> proxies, Task task) {
        this(devices, proxies, task, Quantization.NONE);
    }

    /**
     * @param quantization {@link Quantization#INT8} adds {@code accuracy_int8} and {@code int8_drop} (accuracy −
     *     accuracy_int8) after {@code loss}
     */
    public ResultTable(List<String> devices, List<String> proxies, Task task, Quantization quantization) {
        this.columns = List.copyOf(buildColumns(devices, proxies, task, quantization));
        columns.forEach(c -> byName.putIfAbsent(c.name(), c));
    }

    /** Column names, in file order. */
    public List<String> names() {
        return columns.stream().map(Column::name).toList();
    }

    public Column column(String name) {
        Column c = byName.get(name);
        if (c == null) {
            throw new IllegalArgumentException("no result column '" + name + "'; columns are " + names());
        }
        return c;
    }

    /**
     * A column as a number, for objectives and constraints: booleans are 1 or 0. Throws for a text
     * column, which cannot be optimised.
     */
    public double number(EvaluationResult r, String name) {
        Object v = column(name).value().apply(r);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        throw new IllegalArgumentException("result column '" + name + "' is text, not a number");
    }

    public static String deviceSuffix(String device) {
        return device.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    }

    public List<Column> columns() {
        return columns;
    }

    private static List<Column> buildColumns(List<String> devices, List<String> proxies, Task task,
                                             Quantization quantization) {
        List<Column> cols = new ArrayList<>(List.of(
                new Column("candidate_id", Column.Type.INT, EvaluationResult::candidateId),
                new Column("generation", Column.Type.INT, EvaluationResult::generation),
                new Column("fingerprint", Column.Type.STRING, EvaluationResult::fingerprint),
                new Column("choices", Column.Type.STRING, r -> choicesJson(r.choices())),
                new Column("status", Column.Type.STRING, r -> r.status().name().toLowerCase(Locale.ROOT)),
                new Column("error", Column.Type.STRING, r -> r.error() == null ? "" : r.error()),
                new Column("accuracy", Column.Type.DOUBLE, EvaluationResult::accuracy),
                new Column("accuracy_se", Column.Type.DOUBLE, EvaluationResult::accuracySe),
                new Column("loss", Column.Type.DOUBLE, EvaluationResult::loss)));
        if (quantization.isInt8()) {
            cols.addAll(List.of(
                    new Column("accuracy_int8", Column.Type.DOUBLE, EvaluationResult::accuracyInt8),
                    // against the fp32 accuracy the search ranks by (DL4J's), not a second fp32 score in ONNX Runtime
                    new Column("int8_drop", Column.Type.DOUBLE, r -> r.accuracy() - r.accuracyInt8())));
        }
        if (task.isSuperResolution()) {
            cols.addAll(List.of(
                    new Column("psnr", Column.Type.DOUBLE, EvaluationResult::psnr),
                    new Column("ssim", Column.Type.DOUBLE, EvaluationResult::ssim),
                    new Column("psnr_bicubic", Column.Type.DOUBLE, EvaluationResult::psnrBicubic)));
        }
        if (task.isDetection()) {
            cols.addAll(List.of(
                    new Column("map50", Column.Type.DOUBLE, EvaluationResult::map50),
                    new Column("map50_95", Column.Type.DOUBLE, EvaluationResult::map50to95)));
        }
        cols.addAll(List.of(
                new Column("macs", Column.Type.LONG, EvaluationResult::macs),
                new Column("trainable_params", Column.Type.LONG, EvaluationResult::trainableParams),
                new Column("state_params", Column.Type.LONG, EvaluationResult::stateParams),
                new Column("peak_activation_elements", Column.Type.LONG, EvaluationResult::peakActivationElements),
                new Column("training_macs", Column.Type.LONG, EvaluationResult::trainingMacs),
                new Column("training_params", Column.Type.LONG, EvaluationResult::trainingParams)));
        for (String d : devices) {
            String s = deviceSuffix(d);
            cols.add(new Column("latency_ms_" + s, Column.Type.DOUBLE, device(d, DeviceCost::latencyMs, Double.NaN)));
            cols.add(new Column("fps_" + s, Column.Type.DOUBLE, device(d, DeviceCost::fps, Double.NaN)));
            cols.add(new Column("peak_memory_bytes_" + s, Column.Type.LONG, device(d, DeviceCost::peakMemoryBytes, -1L)));
            cols.add(new Column("fits_on_chip_" + s, Column.Type.BOOLEAN, device(d, DeviceCost::fitsOnChip, false)));
        }
        for (String p : proxies) {
            cols.add(new Column(p, Column.Type.DOUBLE, r -> r.proxy(p)));
        }
        cols.addAll(List.of(
                new Column("train_seconds", Column.Type.DOUBLE, EvaluationResult::trainSeconds),
                new Column("eval_seconds", Column.Type.DOUBLE, EvaluationResult::evalSeconds),
                new Column("train_samples", Column.Type.LONG, EvaluationResult::trainSamples),
                new Column("train_samples_per_second", Column.Type.DOUBLE, EvaluationResult::trainSamplesPerSecond),
                new Column("seed", Column.Type.LONG, EvaluationResult::seed),
                new Column("worker", Column.Type.STRING, EvaluationResult::worker)));
        return cols;
    }

    public Map<String, Object> row(EvaluationResult r) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (Column c : columns) {
            row.put(c.name(), c.value().apply(r));
        }
        return row;
    }

    private static <T> Function<EvaluationResult, Object> device(String id, Function<DeviceCost, T> f, T missing) {
        return r -> r.devices().stream().filter(d -> d.device().equals(id)).findFirst().<Object>map(f).orElse(missing);
    }

    static String choicesJson(Map<String, String> choices) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(choices));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
