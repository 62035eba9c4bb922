package io.hwnas.spark.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.hwnas.data.DataSettings;
import io.hwnas.dl4j.TrainingSettings;
import io.hwnas.space.SearchSpace;

import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A sweep, as its YAML file describes it. Every part validates itself on construction; checks that
 * need the outside world (device names, dataset files) are made by {@link SweepConfigLoader}
 * before Spark starts.
 *
 * @param candidates how many distinct points to sample (the whole space when it is smaller)
 * @param output directory (local path or Hadoop URI) under which the run directory is created
 */
public record SweepConfig(String name, long seed, int candidates, SearchSpace space, DataSettings data,
                          TrainingSettings training, List<String> devices, ExecutionSettings execution,
                          String output) implements Serializable {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    public static final int MAX_CANDIDATES = 1_000_000;

    public SweepConfig {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("field 'name' = '" + name + "' must be letters, digits, _ . - only");
        }
        if (candidates <= 0 || candidates > MAX_CANDIDATES) {
            throw new IllegalArgumentException("field 'candidates' = " + candidates + " must be in 1.." + MAX_CANDIDATES);
        }
        if (space == null) {
            throw new IllegalArgumentException("field 'space' is required");
        }
        if (devices == null || devices.isEmpty()) {
            throw new IllegalArgumentException("field 'devices' must list at least one device");
        }
        devices = List.copyOf(devices);
        if (new HashSet<>(devices).size() != devices.size()) {
            throw new IllegalArgumentException("field 'devices' lists a device twice: " + devices);
        }
        if (output == null || output.isBlank()) {
            throw new IllegalArgumentException("field 'output' must not be empty");
        }
    }

    @JsonCreator
    static SweepConfig fromJson(@JsonProperty("name") String name, @JsonProperty("seed") Long seed,
                                @JsonProperty("candidates") Integer candidates, @JsonProperty("space") SearchSpace space,
                                @JsonProperty("data") DataSettings data, @JsonProperty("training") TrainingSettings training,
                                @JsonProperty("devices") List<String> devices,
                                @JsonProperty("execution") ExecutionSettings execution,
                                @JsonProperty("output") String output) {
        if (candidates == null) {
            throw new IllegalArgumentException("field 'candidates' is required");
        }
        return new SweepConfig(name == null ? "sweep" : name, seed == null ? 42 : seed, candidates, space,
                data == null ? DataSettings.defaults() : data,
                training == null ? TrainingSettings.defaults() : training, devices,
                execution == null ? ExecutionSettings.defaults() : execution, output == null ? "runs" : output);
    }
}
