package io.hwnas.hw;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.hwnas.hw.FieldChecks.nonNegative;
import static io.hwnas.hw.FieldChecks.required;

/**
 * Fixed costs that do not scale with a layer's work (the {@code overheads} section of a profile).
 *
 * @param perInferenceSeconds fixed cost of one inference (runtime invoke, driver job setup)
 * @param perLayerSeconds fixed cost of each executed (not fused) layer: kernel dispatch or launch
 * @param layerGroupSeconds per layer group ({@link #LAYER_GROUPS}), a fixed cost that replaces
 *     {@code perLayerSeconds} for that group's layers (e.g. a runtime whose batch-norm kernel costs more to start
 *     than its convolution); may be empty
 */
public record Overheads(double perInferenceSeconds, double perLayerSeconds,
                        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Double> layerGroupSeconds)
        implements Serializable {

    /**
     * Layer groups a per-group overhead can be given for: the op classes, and batch_norm, activation and
     * concat (see {@link #groupIndex}).
     */
    public static final List<String> LAYER_GROUPS = layerGroups();

    public Overheads {
        nonNegative("perInferenceSeconds", perInferenceSeconds);
        nonNegative("perLayerSeconds", perLayerSeconds);
        layerGroupSeconds = validGroups(layerGroupSeconds);
    }

    /** The fixed cost of one executed layer of a group: its own if given, else {@code perLayerSeconds}. */
    public double layerSeconds(String group) {
        Double own = layerGroupSeconds.get(group);
        return own != null ? own : perLayerSeconds;
    }

    /** The overhead group of a node, as an index into {@link #LAYER_GROUPS}; -1 for nodes free at inference. */
    public static int groupIndex(NodeWork node) {
        int classes = OpClass.values().length;
        return switch (node.kind()) {
            case MAC, ELEMENT -> node.opClass().ordinal();
            case BATCH_NORM -> classes;
            case ACTIVATION -> classes + 1;
            case COPY -> classes + 2;
            case FREE -> -1;
        };
    }

    public Overheads withPerInferenceSeconds(double seconds) {
        return new Overheads(seconds, perLayerSeconds, layerGroupSeconds);
    }

    public Overheads withPerLayerSeconds(double seconds) {
        return new Overheads(perInferenceSeconds, seconds, layerGroupSeconds);
    }

    public Overheads withLayerGroupSeconds(String group, double seconds) {
        TreeMap<String, Double> changed = new TreeMap<>(layerGroupSeconds);
        changed.put(group, seconds);
        return new Overheads(perInferenceSeconds, perLayerSeconds, changed);
    }

    private static Map<String, Double> validGroups(Map<String, Double> groups) {
        TreeMap<String, Double> copy = new TreeMap<>();
        for (Map.Entry<String, Double> e : (groups == null ? Map.<String, Double>of() : groups).entrySet()) {
            String field = "layerGroupSeconds." + e.getKey();
            if (!LAYER_GROUPS.contains(e.getKey())) {
                throw new DeviceProfileException("field '" + field + "' is not a layer group (allowed: "
                        + String.join(", ", LAYER_GROUPS) + ")");
            }
            nonNegative(field, required(field, e.getValue()));
            copy.put(e.getKey(), e.getValue());
        }
        return Collections.unmodifiableMap(copy);
    }

    private static List<String> layerGroups() {
        List<String> groups = new ArrayList<>();
        for (OpClass c : OpClass.values()) {
            groups.add(c.id());
        }
        groups.addAll(List.of("batch_norm", "activation", "concat"));
        return List.copyOf(groups);
    }
}
