package io.hwnas.spark.cli;

import io.hwnas.arch.ActivationType;
import io.hwnas.arch.zoo.MobileNets;
import io.hwnas.arch.zoo.ReferenceNetworks;
import io.hwnas.space.ActNasSpace;
import io.hwnas.space.ActivationSpace;
import io.hwnas.space.RanEOption;
import io.hwnas.space.RanESpace;
import io.hwnas.space.RanISpace;
import io.hwnas.space.RepBranch;
import io.hwnas.space.RepNasSpace;
import io.hwnas.tabular.TabularSpace;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code hwnas spaces} says about each search-space type a config's {@code space.type} accepts:
 * a one-line summary, a few lines of detail, every config key with its meaning and default, and an
 * example config. The keys are checked against the spaces' JSON creators by a test, so this text
 * cannot silently fall behind the code; allowed values come from the code itself.
 */
final class SpaceTypes {

    /**
     * @param keys config key (besides {@code type}) → what it means, allowed values and default
     * @param example an example config under {@code examples/}, or null
     */
    record SpaceType(String type, String summary, List<String> details, Map<String, String> keys, String example) {
        SpaceType {
            details = List.copyOf(details);
            keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
        }
    }

    private static final String INPUT = "{channels, height, width} of the images, e.g. {channels: 1, height: 28, width: 28}";
    private static final String CLASSES = "classes of the classifier (default: 10)";

    private SpaceTypes() {
    }

    static List<SpaceType> all() {
        return List.of(activation(), actnas(), ranE(), ranI(), repnas(), tabular());
    }

    private static SpaceType activation() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("input", INPUT + " (required)");
        keys.put("classes", CLASSES);
        keys.put("stages", "conv stages, each {channels, convs (default 1), kernel (default 3), pool: max|avg "
                + "(default: none)} (required)");
        keys.put("head", "global_avg or flatten: how the last feature map reaches the classifier (default: global_avg)");
        keys.put("activations", "the options of every conv's activation (required; allowed: " + ActivationType.allowed() + ")");
        keys.put("widthMultipliers", "channel multipliers in (0, 8]; more than one adds a width dimension per stage "
                + "(default: [1.0])");
        return new SpaceType(ActivationSpace.TYPE, "ActNAS on a configurable plain CNN: an activation per conv, "
                + "a width per stage",
                List.of("Dimensions: act.s<stage>.c<conv> (the activations) and width.s<stage> (the multipliers).",
                        "Deployed form: batch-norm folded into the convs."),
                keys, "examples/quickstart.yaml");
    }

    private static SpaceType actnas() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("base", "the net whose activations are searched: {reference: NAME, input, classes (default 10)} "
                + "with NAME one of " + String.join(", ", ReferenceNetworks.names()) + "; or {file: IR JSON file} (required)");
        keys.put("activations", "the options of every searched activation node (required; allowed: "
                + ActivationType.allowed() + ")");
        keys.put("baseline", "the activation of the baseline point everywhere (default: the base net's own)");
        keys.put("sites", "which activation nodes are searched: comma-separated globs on node ids, or "
                + "'regex:...' (default: all)");
        return new SpaceType(ActNasSpace.TYPE, "ActNAS on any base net: an activation per activation node",
                List.of("Dimensions: one per searched activation node, named by its node id, in execution order.",
                        "Deployed form: batch-norm folded; where 'identity' is chosen, the linear layers around it "
                                + "merge when that is exact and does not raise MACs."),
                keys, "examples/actnas.yaml");
    }

    private static SpaceType ranE() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("base", "stage preset (required; one of " + String.join(", ", MobileNets.presets().keySet()) + ")");
        keys.put("input", INPUT + " (required)");
        keys.put("classes", CLASSES);
        keys.put("activation", "every activation of the net (default: the preset's; allowed: "
                + ActivationType.allowed() + ")");
        keys.put("options", "block alternatives offered, in gene order (default: all of " + RanEOption.allowed() + ")");
        return new SpaceType(RanESpace.TYPE, "RAN-e: per inverted-residual block, MBConv or a restructured "
                + "alternative",
                List.of("Dimensions: block.<i>, one per inverted-residual block: mbconv (kept), regular (BN, act, "
                                + "3x3), linear (3x3 to t*C then 1x1, no activation), fused (expansion's activation "
                                + "and BN removed); blocks without an expansion offer no 'fused'.",
                        "Deployed form: 'linear' collapses to one 3x3 conv, 'fused' to a dense KxK conv "
                                + "(Fused-MBConv)."),
                keys, "examples/ran-e.yaml");
    }

    private static SpaceType ranI() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("base", "scalable network (required; one of " + String.join(", ", ReferenceNetworks.scalableNames()) + ")");
        keys.put("input", INPUT + " (required)");
        keys.put("classes", CLASSES);
        keys.put("widthMultipliers", "width multipliers in (0, 8] (required)");
        keys.put("depthMultipliers", "depth multipliers in (0, 8] (required)");
        keys.put("maxMacs", "budget on the deployed form's MACs; points above it are inadmissible (default: none)");
        return new SpaceType(RanISpace.TYPE, "RAN-i: width and depth scaling of ConvNeXt under a MAC budget",
                List.of("Dimensions: width and depth (the multipliers).",
                        "Deployed form: layer scale folded."),
                keys, "examples/ran-i.yaml");
    }

    private static SpaceType repnas() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("input", INPUT + " (required)");
        keys.put("classes", CLASSES);
        keys.put("stages", "stages of conv slots, each {channels, blocks, stride: 1|2} (required)");
        keys.put("branches", "branch kinds each slot may switch on (default: all of " + RepBranch.allowed() + ")");
        keys.put("budget", "most branches switched on over all slots, at least one per slot (required)");
        keys.put("activation", "the activation after every slot (default: relu; any but identity)");
        return new SpaceType(RepNasSpace.TYPE, "RepNAS: branch sets of re-parameterisable conv slots under a branch "
                + "budget",
                List.of("Dimensions: s<stage>.b<block>.<branch>, each off or on; points breaking the budget are "
                                + "inadmissible.",
                        "Deployed form: each slot one KxK conv with bias (the union of its branches' windows)."),
                keys, "examples/repnas.yaml");
    }

    private static SpaceType tabular() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("table", "CSV file with one column per dimension, then one per metric (required; relative to "
                + "the directory hwnas runs in)");
        keys.put("dimensions", "the dimensions, each {name, options: [...]} naming a table column and its values "
                + "(required)");
        return new SpaceType(TabularSpace.TYPE, "a table lookup instead of training (published tabular NAS data or "
                + "a generated table)",
                List.of("Dimensions: as declared; every point is a row of the table, so sweeps take seconds.",
                        "No networks: train-front, export and collapse do not apply."),
                keys, "examples/tabular.yaml");
    }
}
