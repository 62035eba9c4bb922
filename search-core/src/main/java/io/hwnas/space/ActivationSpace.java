package io.hwnas.space;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.google.auto.service.AutoService;
import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Architecture;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ActNAS-style space (shared/docs/algorithms.md §1) over a configurable plain CNN: every conv's
 * activation is its own dimension ({@code act.s<stage>.c<conv>}), and optionally every stage's
 * width multiplier ({@code width.s<stage>}) when more than one multiplier is offered.
 */
public record ActivationSpace(ImageInput input, int classes, List<ConvStage> stages, Head head,
                              List<ActivationType> activations, List<Double> widthMultipliers) implements SearchSpace {

    public static final String TYPE = "activation";
    private static final String NAME = "activation-cnn";

    /** How the last feature map reaches the classifier. */
    public enum Head {
        /** Global average pooling: few parameters, the usual choice. */
        @JsonProperty("global_avg") GLOBAL_AVG,
        /** Flatten into the classifier: more parameters, learns faster on tiny inputs. */
        @JsonProperty("flatten") FLATTEN
    }

    public ActivationSpace {
        ImageInput.requireTarget(input, classes);
        if (stages == null || stages.isEmpty()) {
            throw new IllegalArgumentException("field 'stages' must list at least one stage");
        }
        stages = List.copyOf(stages);
        head = head == null ? Head.GLOBAL_AVG : head;
        if (activations == null || activations.isEmpty()) {
            throw new IllegalArgumentException("field 'activations' must list at least one activation (allowed: "
                    + ActivationType.allowed() + ")");
        }
        activations = List.copyOf(activations);
        if (new HashSet<>(activations).size() != activations.size()) {
            throw new IllegalArgumentException("field 'activations' lists an activation twice: " + activations);
        }
        widthMultipliers = widthMultipliers == null || widthMultipliers.isEmpty() ? List.of(1.0) : List.copyOf(widthMultipliers);
        for (double m : widthMultipliers) {
            if (!(m > 0 && m <= 8)) {
                throw new IllegalArgumentException("field 'widthMultipliers' contains " + m + ", allowed range (0, 8]");
            }
        }
        if (new HashSet<>(widthMultipliers).size() != widthMultipliers.size()) {
            throw new IllegalArgumentException("field 'widthMultipliers' lists a value twice: " + widthMultipliers);
        }
        // decode the widest net once so an impossible base (e.g. too many poolings for the input) fails now
        PlainCnn net = new PlainCnn(NAME, input, classes, stages, head);
        double widest = widthMultipliers.stream().mapToDouble(Double::doubleValue).max().orElse(1.0);
        net.build(Collections.nCopies(stages.size(), widest), net.stageKernels(),
                Collections.nCopies(net.convs(), activations.get(0)));
    }

    @JsonCreator
    static ActivationSpace fromJson(@JsonProperty("input") ImageInput input, @JsonProperty("classes") Integer classes,
                                    @JsonProperty("stages") List<ConvStage> stages, @JsonProperty("head") Head head,
                                    @JsonProperty("activations") List<ActivationType> activations,
                                    @JsonProperty("widthMultipliers") List<Double> widthMultipliers) {
        return new ActivationSpace(input, classes == null ? 10 : classes, stages, head, activations, widthMultipliers);
    }

    @Override
    @JsonIgnore
    public List<Dimension> dimensions() {
        List<Dimension> dims = new ArrayList<>();
        List<String> acts = activations.stream().map(ActivationType::id).toList();
        for (int s = 0; s < stages.size(); s++) {
            for (int c = 0; c < stages.get(s).convs(); c++) {
                dims.add(new Dimension("act.s" + s + ".c" + c, acts));
            }
        }
        if (widthMultipliers.size() > 1) {
            List<String> widths = widthMultipliers.stream().map(String::valueOf).toList();
            for (int s = 0; s < stages.size(); s++) {
                dims.add(new Dimension("width.s" + s, widths));
            }
        }
        return dims;
    }

    @Override
    public Architecture decode(Choice choice) {
        validate(choice);
        List<ActivationType> chosen = new ArrayList<>();
        int g = 0;
        for (ConvStage stage : stages) {
            for (int c = 0; c < stage.convs(); c++) {
                chosen.add(activations.get(choice.gene(g++)));
            }
        }
        List<Double> widths = new ArrayList<>();
        for (int s = 0; s < stages.size(); s++) {
            widths.add(widthMultipliers.size() > 1 ? widthMultipliers.get(choice.gene(g++)) : widthMultipliers.get(0));
        }
        PlainCnn net = new PlainCnn(NAME, input, classes, stages, head);
        return net.build(widths, net.stageKernels(), chosen);
    }

    /** This space's kind: its config type, capabilities and what {@code hwnas spaces} says about it. */
    @AutoService(SpaceKind.class)
    public static final class Kind extends DeclaredSpaceKind {
        public Kind() {
            super(TYPE, ActivationSpace.class, SpaceCapability.NETWORKS);
        }

        @Override
        public SpaceHelp help() {
            Map<String, String> keys = new LinkedHashMap<>();
            keys.put("input", SpaceHelp.INPUT + " (required)");
            keys.put("classes", SpaceHelp.CLASSES);
            keys.put("stages", "conv stages, each {channels, convs (default 1), kernel (default 3), pool: max|avg "
                    + "(default: none)} (required)");
            keys.put("head", "global_avg or flatten: how the last feature map reaches the classifier (default: "
                    + "global_avg)");
            keys.put("activations", "the options of every conv's activation (required; allowed: "
                    + ActivationType.allowed() + ")");
            keys.put("widthMultipliers", "channel multipliers in (0, 8]; more than one adds a width dimension per "
                    + "stage (default: [1.0])");
            return new SpaceHelp("ActNAS on a configurable plain CNN: an activation per conv, a width per stage",
                    List.of("Dimensions: act.s<stage>.c<conv> (the activations) and width.s<stage> (the multipliers).",
                            "Deployed form: batch-norm folded into the convs."),
                    keys, "examples/quickstart.yaml");
        }
    }
}
