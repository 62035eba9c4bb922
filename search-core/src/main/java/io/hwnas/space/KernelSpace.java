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
 * The kernel size of every stage of a plain CNN (the per-stage kernel dimension of MnasNet,
 * ProxylessNAS and Once-for-All): a K×K kernel sees more context per layer at K² the MACs, and
 * accelerators run some sizes much better than others, so which size pays off where is a device
 * question. One dimension per stage ({@code kernel.s<stage>}); every conv of the stage takes it.
 * The baseline is each stage's own {@code kernel} where {@code kernels} offers it, else option 0.
 */
public record KernelSpace(ImageInput input, int classes, List<ConvStage> stages, ActivationSpace.Head head,
                          ActivationType activation, List<Integer> kernels) implements SearchSpace {

    public static final String TYPE = "kernel";
    private static final String NAME = "kernel-cnn";

    public KernelSpace {
        ImageInput.requireTarget(input, classes);
        if (stages == null || stages.isEmpty()) {
            throw new IllegalArgumentException("field 'stages' must list at least one stage");
        }
        stages = List.copyOf(stages);
        head = head == null ? ActivationSpace.Head.GLOBAL_AVG : head;
        activation = activation == null ? ActivationType.RELU : activation;
        if (kernels == null || kernels.isEmpty()) {
            throw new IllegalArgumentException("field 'kernels' must list at least one kernel size, e.g. [3, 5, 7]");
        }
        for (Integer k : kernels) {
            if (k == null || k <= 0 || k % 2 == 0) {
                throw new IllegalArgumentException("field 'kernels' contains " + k + "; allowed: positive odd sizes");
            }
        }
        kernels = List.copyOf(kernels);
        if (new HashSet<>(kernels).size() != kernels.size()) {
            throw new IllegalArgumentException("field 'kernels' lists a size twice: " + kernels);
        }
        // build the largest net once so an impossible base (too many poolings for the input) fails now
        build(new PlainCnn(NAME, input, classes, stages, head), activation,
                Collections.nCopies(stages.size(), Collections.max(kernels)));
    }

    @JsonCreator
    static KernelSpace fromJson(@JsonProperty("input") ImageInput input, @JsonProperty("classes") Integer classes,
                                @JsonProperty("stages") List<ConvStage> stages,
                                @JsonProperty("head") ActivationSpace.Head head,
                                @JsonProperty("activation") ActivationType activation,
                                @JsonProperty("kernels") List<Integer> kernels) {
        return new KernelSpace(input, classes == null ? 10 : classes, stages, head, activation, kernels);
    }

    @Override
    @JsonIgnore
    public List<Dimension> dimensions() {
        List<String> sizes = kernels.stream().map(k -> k + "x" + k).toList();
        List<Dimension> dims = new ArrayList<>();
        for (int s = 0; s < stages.size(); s++) {
            dims.add(new Dimension("kernel.s" + s, sizes));
        }
        return dims;
    }

    @Override
    public Choice baseline() {
        return new Choice(stages.stream().map(s -> Math.max(0, kernels.indexOf(s.kernel()))).toList());
    }

    @Override
    public Architecture decode(Choice choice) {
        validate(choice);
        return build(new PlainCnn(NAME, input, classes, stages, head), activation,
                choice.genes().stream().map(kernels::get).toList());
    }

    /** Static: the constructor builds a net before the record's fields are set. */
    private static Architecture build(PlainCnn net, ActivationType activation, List<Integer> stageKernels) {
        return net.build(Collections.nCopies(net.stages().size(), 1.0), stageKernels,
                Collections.nCopies(net.convs(), activation));
    }

    /** This space's kind: its config type, capabilities and what {@code hwnas spaces} says about it. */
    @AutoService(SpaceKind.class)
    public static final class Kind extends DeclaredSpaceKind {
        public Kind() {
            super(TYPE, KernelSpace.class, SpaceCapability.NETWORKS);
        }

        @Override
        public SpaceHelp help() {
            Map<String, String> keys = new LinkedHashMap<>();
            keys.put("input", SpaceHelp.INPUT + " (required)");
            keys.put("classes", SpaceHelp.CLASSES);
            keys.put("stages", "conv stages, each {channels, convs (default 1), kernel: the baseline's size "
                    + "(default 3), pool: max|avg (default: none)} (required)");
            keys.put("head", "global_avg or flatten: how the last feature map reaches the classifier (default: "
                    + "global_avg)");
            keys.put("activation", "every conv's activation (default: relu; allowed: " + ActivationType.allowed() + ")");
            keys.put("kernels", "the kernel sizes every stage may take, odd, e.g. [3, 5, 7] (required)");
            return new SpaceHelp("a kernel size per stage of a configurable plain CNN",
                    List.of("Dimensions: kernel.s<stage>, the KxK size of every conv in the stage.",
                            "Deployed form: batch-norm folded into the convs."),
                    keys, "examples/kernel.yaml");
        }
    }
}
