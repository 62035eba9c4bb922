package io.hwnas.spark.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.hwnas.data.DataSettings;
import io.hwnas.dl4j.TrainingSettings;
import io.hwnas.eval.Quantization;
import io.hwnas.proxy.ProxySettings;
import io.hwnas.search.SearchSettings;
import io.hwnas.space.SearchSpace;
import io.hwnas.space.SpaceCapability;
import io.hwnas.sr.Task;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A sweep, as its YAML file describes it. Every part validates itself on construction; checks that
 * need the outside world (device names, dataset files) are made by {@link SweepConfigLoader}
 * before Spark starts.
 *
 * @param search strategy, budget, objectives; a config may instead give just {@code candidates: N},
 *     which means N distinct random points (the whole space when it is smaller)
 * @param proxies training-free scores computed for every candidate, as result columns
 * @param output directory (local path or Hadoop URI) under which the run directory is created
 * @param task what the networks learn: classification unless the config says {@code task: {type: super-resolution}}
 * @param spark Spark settings for the sweep's session ({@code spark.hadoop.fs.s3a.endpoint}, ...), each applied
 *     unless {@code --conf}, spark-defaults or {@code -D} sets it; values of secret keys are redacted wherever the
 *     config is stored ({@link Redaction})
 * @param quantization {@code int8}: every trained classifier is also scored as int8 ({@code accuracy_int8});
 *     {@code none} by default
 */
public record SweepConfig(String name, long seed, SearchSettings search, SearchSpace space, DataSettings data,
                          TrainingSettings training, ProxySettings proxies, List<String> devices,
                          ExecutionSettings execution, String output, Task task, Map<String, String> spark,
                          Quantization quantization)
        implements Serializable {

    private static final String HADOOP_PREFIX = "spark.hadoop.";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");

    public SweepConfig {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("field 'name' = '" + name + "' must be letters, digits, _ . - only");
        }
        if (search == null) {
            throw new IllegalArgumentException("field 'candidates' (or a 'search' section) is required");
        }
        if (space == null) {
            throw new IllegalArgumentException("field 'space' is required");
        }
        // a table's devices are its own columns, and a benchmark table may have none
        if ((devices == null || devices.isEmpty()) && !space.has(SpaceCapability.TABLE)) {
            throw new IllegalArgumentException("field 'devices' must list at least one device");
        }
        devices = devices == null ? List.of() : List.copyOf(devices);
        if (new HashSet<>(devices).size() != devices.size()) {
            throw new IllegalArgumentException("field 'devices' lists a device twice: " + devices);
        }
        if (output == null || output.isBlank()) {
            throw new IllegalArgumentException("field 'output' must not be empty");
        }
        task = task == null ? Task.CLASSIFICATION : task;
        spark = spark == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(spark));
        spark.forEach((key, value) -> {
            if (!key.startsWith("spark.") || value == null) {
                throw new IllegalArgumentException("field 'spark': '" + key + "' = " + value
                        + ", the section holds Spark settings: keys starting with 'spark.', a value each");
            }
        });
        String regex = spark.get(Redaction.REGEX_KEY);
        if (regex != null) {
            // checked here, not when the run directory is already written with the config it would redact
            try {
                Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("field 'spark': '" + Redaction.REGEX_KEY + "' = " + regex
                        + ", a Java regular expression (" + e.getDescription() + " at index " + e.getIndex() + ")");
            }
        }
        if (!task.isSuperResolution() && data != null && !data.images().isEmpty()) {
            throw new IllegalArgumentException("field 'data.images' names image files, which only a super-resolution "
                    + "task reads (classification reads the IDX files under data.path)");
        }
        if (!task.isClassification() && proxies != null && !proxies.isEmpty()) {
            throw new IllegalArgumentException("field 'proxies' = " + proxies.names() + " score classifiers; a "
                    + task.type() + " task takes none");
        }
        quantization = quantization == null ? Quantization.NONE : quantization;
        if (quantization.isInt8() && !task.isClassification()) {
            throw new IllegalArgumentException("field 'quantization' = 'int8' scores a classifier's top-1 accuracy; a "
                    + task.type() + " task takes 'none'");
        }
        if (quantization.isInt8() && (training == null || !training.trains() || !space.has(SpaceCapability.NETWORKS))) {
            throw new IllegalArgumentException("field 'quantization' = 'int8' quantises trained networks, but this "
                    + "sweep trains none (" + (space.has(SpaceCapability.NETWORKS) ? "'training.epochs' = 0"
                    : "space '" + space.type() + "' has no networks") + "); allowed: 'none', or train the candidates");
        }
    }

    /** The same sweep writing its run directory under another root (nightly sweeps: one root per night). */
    public SweepConfig withOutput(String newOutput) {
        return new SweepConfig(name, seed, search, space, data, training, proxies, devices, execution, newOutput, task, spark,
                quantization);
    }

    /**
     * The same sweep with the files its space names resolved against the directory of the config file
     * ({@code configFile}'s parent); a config without a directory (text given inline) is kept as is.
     */
    public SweepConfig relativeTo(String configFile) {
        Path dir = Path.of(configFile).getParent();
        if (dir == null) {
            return this;
        }
        return new SweepConfig(name, seed, search, space.relativeTo(dir), data, training, proxies, devices, execution,
                output, task, spark, quantization);
    }

    /** The {@code spark.hadoop.*} settings of the spark section without the prefix, redacted values left out. */
    public Map<String, String> hadoopSettings() {
        Map<String, String> out = new TreeMap<>();
        spark.forEach((key, value) -> {
            if (key.startsWith(HADOOP_PREFIX) && !value.equals(Redaction.REPLACEMENT)) {
                out.put(key.substring(HADOOP_PREFIX.length()), value);
            }
        });
        return out;
    }

    /** The evaluation budget. */
    public int evaluations() {
        return search.evaluations();
    }

    @JsonCreator
    static SweepConfig fromJson(@JsonProperty("name") String name, @JsonProperty("seed") Long seed,
                                @JsonProperty("candidates") Integer candidates, @JsonProperty("search") SearchSettings search,
                                @JsonProperty("space") SearchSpace space,
                                @JsonProperty("data") DataSettings data, @JsonProperty("training") TrainingSettings training,
                                @JsonProperty("proxies") ProxySettings proxies,
                                @JsonProperty("devices") List<String> devices,
                                @JsonProperty("execution") ExecutionSettings execution,
                                @JsonProperty("output") String output, @JsonProperty("task") Task task,
                                @JsonProperty("spark") Map<String, String> spark,
                                @JsonProperty("quantization") Quantization quantization) {
        ExecutionSettings exec = execution == null ? ExecutionSettings.defaults() : execution;
        if (candidates != null && search != null) {
            throw new IllegalArgumentException("field 'candidates' = " + candidates
                    + " and a 'search' section both set the budget; give only 'search.evaluations'");
        }
        if (candidates == null && search == null) {
            throw new IllegalArgumentException("field 'candidates' (or a 'search' section) is required");
        }
        if (candidates != null && (candidates <= 0 || candidates > SearchSettings.MAX_EVALUATIONS)) {
            throw new IllegalArgumentException("field 'candidates' = " + candidates + " must be in 1.."
                    + SearchSettings.MAX_EVALUATIONS);
        }
        return new SweepConfig(name == null ? "sweep" : name, seed == null ? 42 : seed,
                search != null ? search : SearchSettings.random(candidates, exec.batchSize()), space,
                data == null ? DataSettings.defaults() : data,
                training == null ? TrainingSettings.defaults() : training,
                proxies == null ? ProxySettings.none() : proxies, devices, exec, output == null ? "runs" : output, task, spark,
                quantization);
    }
}
