package io.hwnas.spark.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.hwnas.data.DataSettings;
import io.hwnas.dl4j.TrainingSettings;
import io.hwnas.hant.ChainNetwork;
import io.hwnas.hant.DistillationSettings;
import io.hwnas.hant.FineTuneSettings;
import io.hwnas.hant.OpLibrary;
import io.hwnas.hant.TeacherSpec;

import java.io.Serializable;
import java.util.regex.Pattern;

/**
 * A HANT run (algorithms.md §7) as its YAML file describes it. Each part validates itself; checks that need
 * the outside world (device, dataset, budget feasibility) are made by {@link HantConfigLoader} before Spark
 * starts.
 *
 * @param teacher the network to compress (default {@link TeacherSpec#preset()})
 * @param teacherTraining how the teacher is trained first
 * @param alternatives the op library tried in every layer (the teacher's own op is always tried too)
 * @param device the cost model latencies come from: a profile id or path, or {@code lut:FILE}
 */
public record HantConfig(String name, long seed, TeacherSpec teacher, TrainingSettings teacherTraining,
                         OpLibrary alternatives, String device, DataSettings data, DistillationSettings distillation,
                         BudgetSettings budgets, FineTuneSettings fineTuning, HantExecution execution, String output)
        implements Serializable {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");

    public HantConfig {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("field 'name' = '" + name + "' must be letters, digits, _ . - only");
        }
        if (teacher == null || teacherTraining == null || alternatives == null || data == null || distillation == null
                || budgets == null || fineTuning == null || execution == null) {
            throw new IllegalArgumentException("fields 'teacher', 'teacherTraining', 'alternatives', 'data', "
                    + "'distillation', 'budgets', 'fineTuning' and 'execution' are required");
        }
        if (!teacherTraining.trains()) {
            throw new IllegalArgumentException("field 'teacherTraining.epochs' = 0: HANT needs a trained teacher");
        }
        if (device == null || device.isBlank()) {
            throw new IllegalArgumentException("field 'device' is required");
        }
        if (output == null || output.isBlank()) {
            throw new IllegalArgumentException("field 'output' must not be empty");
        }
        if (distillation.trainImages() > data.trainSamples()) {
            throw new IllegalArgumentException("field 'distillation.trainImages' = " + distillation.trainImages()
                    + " must be at most data.trainSamples = " + data.trainSamples());
        }
        if (distillation.validationImages() > data.validationSamples()) {
            throw new IllegalArgumentException("field 'distillation.validationImages' = "
                    + distillation.validationImages() + " must be at most data.validationSamples = "
                    + data.validationSamples());
        }
        if (data.trainSamples() < teacherTraining.batchSize()) {
            throw new IllegalArgumentException("field 'data.trainSamples' = " + data.trainSamples()
                    + " must be at least teacherTraining.batchSize = " + teacherTraining.batchSize());
        }
        ChainNetwork network;
        try {
            network = new ChainNetwork(teacher);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("teacher: " + e.getMessage()); // no cause: readers report the root
        }
        alternatives.requireEachFits(network);
    }

    @JsonCreator
    static HantConfig fromJson(@JsonProperty("name") String name, @JsonProperty("seed") Long seed,
                               @JsonProperty("teacher") TeacherSpec teacher,
                               @JsonProperty("teacherTraining") TrainingSettings teacherTraining,
                               @JsonProperty("alternatives") OpLibrary alternatives, @JsonProperty("device") String device,
                               @JsonProperty("data") DataSettings data,
                               @JsonProperty("distillation") DistillationSettings distillation,
                               @JsonProperty("budgets") BudgetSettings budgets,
                               @JsonProperty("fineTuning") FineTuneSettings fineTuning,
                               @JsonProperty("execution") HantExecution execution, @JsonProperty("output") String output) {
        if (alternatives == null) {
            throw new IllegalArgumentException("field 'alternatives' is required (e.g. [conv1x1-relu, dwsep3x3-relu])");
        }
        return new HantConfig(name == null ? "hant" : name, seed == null ? 42 : seed,
                teacher == null ? TeacherSpec.preset() : teacher,
                teacherTraining == null ? new TrainingSettings(3, 32, 2e-3) : teacherTraining, alternatives,
                device == null ? "ethos-u55-128" : device, data == null ? DataSettings.defaults() : data,
                distillation == null ? DistillationSettings.defaults() : distillation,
                budgets == null ? BudgetSettings.steps(6) : budgets,
                fineTuning == null ? FineTuneSettings.defaults() : fineTuning,
                execution == null ? HantExecution.defaults() : execution, output == null ? "runs" : output);
    }
}
