package io.hwnas.space;

import io.hwnas.arch.Activation;
import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureBuilder;
import io.hwnas.arch.BatchNorm;
import io.hwnas.arch.Conv2d;
import io.hwnas.arch.Dense;
import io.hwnas.arch.Flatten;
import io.hwnas.arch.GlobalPool;
import io.hwnas.arch.Pool2d;
import io.hwnas.arch.PoolKind;

import java.util.List;

/**
 * The plain CNN that the activation and kernel spaces decode to: per stage, {@code convs} × (K×K
 * conv → BN → activation) and an optional 2×2 pooling, then the head and a dense classifier. Node
 * ids: {@code s<stage>.c<conv>.conv|bn|act}, {@code s<stage>.pool}, {@code head.pool}, {@code classifier}.
 */
record PlainCnn(String name, ImageInput input, int classes, List<ConvStage> stages, ActivationSpace.Head head) {

    /**
     * @param widths channel multiplier per stage
     * @param kernels kernel size per stage
     * @param activations one per conv, stage after stage
     */
    Architecture build(List<Double> widths, List<Integer> kernels, List<ActivationType> activations) {
        ArchitectureBuilder b = new ArchitectureBuilder(name, input.toShape());
        int a = 0;
        for (int s = 0; s < stages.size(); s++) {
            ConvStage stage = stages.get(s);
            int channels = Math.max(1, (int) Math.round(stage.channels() * widths.get(s)));
            for (int c = 0; c < stage.convs(); c++) {
                String p = "s" + s + ".c" + c;
                b.add(p + ".conv", Conv2d.same(channels, kernels.get(s), 1));
                b.add(p + ".bn", BatchNorm.standard());
                b.add(p + ".act", new Activation(activations.get(a++)));
            }
            if (stage.pool() != null) {
                b.add("s" + s + ".pool", stage.pool() == PoolKind.MAX ? Pool2d.max(2, 2, 0) : Pool2d.avg(2, 2, 0));
            }
        }
        b.add("head.pool", head == ActivationSpace.Head.GLOBAL_AVG ? GlobalPool.avg() : new Flatten());
        b.add("classifier", Dense.of(classes));
        return b.build();
    }

    /** The number of convs over all stages. */
    int convs() {
        return stages.stream().mapToInt(ConvStage::convs).sum();
    }

    /** Every stage's own {@code kernel}. */
    List<Integer> stageKernels() {
        return stages.stream().map(ConvStage::kernel).toList();
    }
}
