package io.hwnas.spark.report;

import io.hwnas.cost.CostModel;
import io.hwnas.eval.ResultTable;
import io.hwnas.io.StrictYaml;
import io.hwnas.pareto.Objective;
import io.hwnas.search.Bound;
import io.hwnas.space.SearchSpace;
import io.hwnas.space.SpaceCapability;
import io.hwnas.spark.config.SweepConfig;
import io.hwnas.spark.config.SweepPlan;
import io.hwnas.sr.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A run's config resolved as far as it still resolves: the devices, search objectives and
 * constraints, and — when the space has networks and the devices' cost models load — the space and
 * models the per-layer breakdown needs. Every step that fails leaves a note instead of an exception,
 * so a run made elsewhere (a profile path or a table that is gone) still gets its plots.
 *
 * @param config the parsed config, null when run.json's config text no longer parses
 * @param costModels by device id; empty when the models cannot be loaded
 * @param notes what could not be resolved and why, for the page
 */
public record SweepSetup(SweepConfig config, List<String> devices, List<Objective> objectives, List<Bound> constraints,
                         Map<String, CostModel> costModels, List<String> notes) {
    private static final Logger LOG = LoggerFactory.getLogger(SweepSetup.class);
    private static final Set<String> DEVICE_FREE_FRONTS = Set.of("search", "macs");

    public SweepSetup {
        devices = List.copyOf(devices);
        objectives = List.copyOf(objectives);
        constraints = List.copyOf(constraints);
        costModels = Map.copyOf(costModels);
        notes = List.copyOf(notes);
    }

    /** The task's quality column ({@code accuracy}, {@code psnr}, {@code map50}); accuracy when the config is unparsable. */
    public String qualityColumn() {
        return task().qualityColumn();
    }

    /** The run's task; classification when the config no longer parses. */
    public Task task() {
        return config == null ? Task.CLASSIFICATION : config.task();
    }

    public static SweepSetup resolve(RunData run) {
        String source = run.location() + "/run.json (configText)";
        List<String> notes = new ArrayList<>();
        SweepConfig config;
        try {
            // the table of a tabular space is relative to the config file the run was started from
            config = StrictYaml.read(run.field("configText"), SweepConfig.class, source)
                    .relativeTo(run.field("configSource"));
        } catch (RuntimeException e) {
            LOG.warn("report of {}: config text does not parse: {}", run.runId(), e.getMessage());
            notes.add("The run's config no longer parses (" + e.getMessage() + "): no constraints, objectives or "
                    + "per-layer costs.");
            return new SweepSetup(null, devicesFromFiles(run), List.of(), List.of(), Map.of(), notes);
        }
        SweepPlan plan = null;
        try {
            // SweepPlan.of, not SweepConfigLoader.plan: a report needs the cost models, not the images
            plan = SweepPlan.of(config, source);
        } catch (RuntimeException e) {
            LOG.warn("report of {}: config does not resolve here: {}", run.runId(), e.getMessage());
            notes.add("The run's devices or table do not load here (" + e.getMessage() + "): no per-layer costs.");
        }
        List<String> devices = plan != null ? plan.devices() : devicesFromFiles(run);
        List<Objective> objectives = plan != null ? plan.goal().objectives()
                : devices.isEmpty() ? List.of() : config.search().objectives(devices);
        Map<String, CostModel> models = new LinkedHashMap<>();
        if (plan != null) {
            plan.costModels().forEach(m -> models.put(m.device(), m));
        }
        if (!config.space().has(SpaceCapability.NETWORKS)) {
            notes.add("The '" + config.space().type() + "' space looks results up in a table: its points have no "
                    + "network, so there is no per-layer cost breakdown.");
        }
        return new SweepSetup(config, devices, objectives, config.search().constraints(), models, notes);
    }

    /** The space whose points decode to networks, if the run has one. */
    public Optional<SearchSpace> networkSpace() {
        return config != null && config.space().has(SpaceCapability.NETWORKS) ? Optional.of(config.space()) : Optional.empty();
    }

    /**
     * Devices as the run's files name them when the config cannot say: the per-device fronts,
     * else the suffixes of results.csv's {@code fps_*} columns.
     */
    static List<String> devicesFromFiles(RunData run) {
        Set<String> devices = new LinkedHashSet<>();
        run.fronts().keySet().stream().filter(f -> !DEVICE_FREE_FRONTS.contains(f)).forEach(devices::add);
        if (devices.isEmpty() && !run.results().isEmpty()) {
            run.results().header().stream().filter(c -> c.startsWith("fps_"))
                    .map(c -> c.substring("fps_".length())).forEach(devices::add);
        }
        return List.copyOf(devices);
    }

    /** A result column of {@code device}, e.g. {@code fps_ethos_u55_128}. */
    public static String column(String prefix, String device) {
        return prefix + ResultTable.deviceSuffix(device);
    }
}
