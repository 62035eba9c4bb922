package io.hwnas.spark.config;

import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureException;
import io.hwnas.arch.zoo.Yolos;
import io.hwnas.cost.CostModel;
import io.hwnas.detection.DetectionDataSettings;
import io.hwnas.dl4j.DetectionDatasets;
import io.hwnas.dl4j.SuperResolutionTrainer;
import io.hwnas.dl4j.YoloHead;
import io.hwnas.eval.ResultTable;
import io.hwnas.hw.spec.CostModels;
import io.hwnas.pareto.Objective;
import io.hwnas.search.Bound;
import io.hwnas.search.SearchGoal;
import io.hwnas.search.SearchSettings;
import io.hwnas.space.SpaceCapability;
import io.hwnas.tabular.TabularEvaluator;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A validated config resolved against the outside world: its cost models, the result columns they
 * and the proxies produce (for a tabular space: the table), and the search goal over those columns. Built once before Spark starts,
 * so an unknown objective or an impossible strategy setting fails with exit code 2 and writes nothing.
 */
public record SweepPlan(SweepConfig config, List<CostModel> costModels, List<String> devices, ResultTable table,
                        SearchGoal goal, TabularEvaluator tabular) {

    /** Columns that stay NaN when candidates are not trained. */
    private static final Set<String> TRAINED = Set.of("accuracy", "accuracy_se", "loss", "psnr", "ssim", "psnr_bicubic",
            "map50", "map50_95");
    /** Columns only classification measures. */
    private static final Set<String> CLASSIFIED = Set.of("accuracy", "accuracy_se");
    /** Columns only {@code quantization: int8} adds. */
    private static final Set<String> INT8 = Set.of("accuracy_int8", "int8_drop");

    public static SweepPlan of(SweepConfig config, String source) {
        if (config.task().isSuperResolution()) {
            checkSuperResolution(config, source);
        }
        if (config.task().isDetection()) {
            checkDetection(config, source);
        }
        if (config.space().has(SpaceCapability.TABLE)) {
            return tabular(config, source);
        }
        List<CostModel> models = new ArrayList<>();
        for (String device : config.devices()) {
            try {
                models.add(CostModels.resolve(device));
            } catch (RuntimeException e) {
                throw new ConfigException(source + ": field 'devices' contains '" + device + "': " + e.getMessage(), e);
            }
        }
        // results are keyed by the id each model reports (a profile path's id, a table's device name)
        List<String> devices = models.stream().map(CostModel::device).toList();
        if (devices.stream().distinct().count() != devices.size()) {
            throw new ConfigException(source + ": field 'devices' = " + config.devices()
                    + " names one device twice; each device gets its own result columns");
        }
        ResultTable table = new ResultTable(devices, config.proxies().names(), config.task(), config.quantization());
        try {
            if (!config.quantization().isInt8()) {
                checkNoInt8Columns(config.search(), devices);
            }
            SearchGoal goal = config.search().goal(table, devices);
            if (config.task().isSuperResolution()) {
                for (String name : used(goal)) {
                    if (CLASSIFIED.contains(name)) {
                        throw new IllegalArgumentException("field 'search.objectives' uses '" + name + "', which a "
                                + "super-resolution task does not measure (allowed: psnr, ssim, loss and the costs, e.g. "
                                + "[{maximize: psnr}, {minimize: macs}])");
                    }
                }
            }
            if (config.task().isDetection()) {
                for (String name : used(goal)) {
                    if (CLASSIFIED.contains(name)) {
                        throw new IllegalArgumentException("field 'search.objectives' uses '" + name + "', which a "
                                + "detection task does not measure (allowed: map50, map50_95, loss and the costs, e.g. "
                                + "[{maximize: map50}, {minimize: macs}])");
                    }
                }
            }
            if (!config.training().trains() && config.space().has(SpaceCapability.NETWORKS)) {
                for (String name : used(goal)) {
                    if (TRAINED.contains(name)) {
                        throw new IllegalArgumentException("field 'search' uses '" + name + "' but 'training.epochs' = 0, "
                                + "so candidates are not trained; optimise a proxy or a cost instead (set 'search.objectives')");
                    }
                }
            }
            config.search().strategy().check(config.space(), goal, config.evaluations());
            return new SweepPlan(config, List.copyOf(models), devices, table, goal, null);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source + ": " + e.getMessage(), e);
        }
    }

    /** Refuses a goal reading int8 columns, which only {@code quantization: int8} fills, in one line. */
    private static void checkNoInt8Columns(SearchSettings search, List<String> devices) {
        for (String name : used(search.objectives(devices), search.constraints())) {
            if (INT8.contains(name)) {
                throw new IllegalArgumentException("field 'search' uses '" + name + "', which only int8 sweeps measure; "
                        + "allowed: set 'quantization: int8', or use 'accuracy'");
            }
        }
    }

    /** The columns a goal reads: its objectives' and its constraints'. */
    private static List<String> used(SearchGoal goal) {
        return used(goal.objectives(), goal.constraints());
    }

    private static List<String> used(List<Objective> objectives, List<Bound> constraints) {
        List<String> used = new ArrayList<>(objectives.stream().map(Objective::name).toList());
        constraints.stream().map(Bound::metric).forEach(used::add);
        return used;
    }

    /** A super-resolution sweep needs networks that map the task's input patch to its high-resolution patch. */
    private static void checkSuperResolution(SweepConfig config, String source) {
        if (!config.space().has(SpaceCapability.NETWORKS)) {
            throw new ConfigException(source + ": field 'space.type' = '" + config.space().type()
                    + "' has no networks to train for super-resolution (allowed: a network space such as sr-plain)");
        }
        try {
            SuperResolutionTrainer.requireImageToImage(config.space().decode(config.space().baseline()),
                    config.task().superResolution());
        } catch (ArchitectureException e) {
            throw new ConfigException(source + ": field 'space': " + e.getMessage(), e);
        }
    }

    /** A detection sweep needs networks whose outputs are YOLO prediction maps for the task's canvases. */
    private static void checkDetection(SweepConfig config, String source) {
        if (!config.space().has(SpaceCapability.NETWORKS)) {
            throw new ConfigException(source + ": field 'space.type' = '" + config.space().type()
                    + "' has no networks to train for detection (allowed: a network space such as actnas over a "
                    + "detector)");
        }
        Architecture arch = config.space().decode(config.space().baseline());
        int side = config.task().detection().canvasSize();
        DetectionDataSettings canvases = DetectionDatasets.settings(config.data(), config.task().detection());
        try {
            if (arch.input().channels() != 1 || arch.input().height() != side || arch.input().width() != side) {
                throw new ArchitectureException("the baseline takes " + arch.input() + ", the canvases are 1x" + side
                        + "x" + side);
            }
            YoloHead.of(arch, Yolos.NATURAL_CLASSES, canvases.minObjectSize(), canvases.maxObjectSize());
        } catch (ArchitectureException e) {
            throw new ConfigException(source + ": field 'space': " + e.getMessage(), e);
        }
    }

    /**
     * A space looked up in a table is not evaluated by cost models: its devices and metric columns
     * are the table's ({@code devices} only names table columns by device id).
     */
    private static SweepPlan tabular(SweepConfig config, String source) {
        try {
            TabularEvaluator table = TabularEvaluator.load(config.space(), config.space().lookupTable(), config.devices());
            SearchGoal goal = config.search().goal(table.resultTable(), table.devices());
            config.search().strategy().check(config.space(), goal, config.evaluations());
            return new SweepPlan(config, List.of(), table.devices(), table.resultTable(), goal, table);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source + ": " + e.getMessage(), e);
        }
    }
}
