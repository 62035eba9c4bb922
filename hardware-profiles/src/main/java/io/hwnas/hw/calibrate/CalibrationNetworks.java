package io.hwnas.hw.calibrate;

import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.PoolKind;
import io.hwnas.space.ActivationSpace;
import io.hwnas.space.ConvStage;
import io.hwnas.space.ImageInput;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded random plain CNNs for calibrating a device: depth, width, kernel size, pooling, head and activations
 * all vary. A search space of fixed depth would not do: with the same layer count in every net, the
 * per-layer and per-inference overheads cannot be told apart.
 */
public final class CalibrationNetworks {
    private static final int[] CHANNELS = {4, 8, 12, 16, 24, 32, 48, 64, 96};
    private static final int[] KERNELS = {1, 3, 5};

    private CalibrationNetworks() {
    }

    /** {@code count} networks on {@code input} images; the same seed gives the same networks. */
    public static List<Architecture> sample(ImageInput input, int classes, int count, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<ActivationType> nonLinear = new ArrayList<>();
        for (ActivationType t : ActivationType.values()) {
            // hard-sigmoid (a squeeze-excite gate) came later: leaving it out keeps every seed drawing the networks
            // it always drew, so calibrations and latency-table overheads stay reproducible; its rate keeps the prior
            if (t.isNonLinear() && t != ActivationType.HARD_SIGMOID) {
                nonLinear.add(t);
            }
        }
        int maxStages = Math.max(1, 31 - Integer.numberOfLeadingZeros(Math.min(input.height(), input.width())) - 1);
        List<Architecture> nets = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int stages = 1 + rng.nextInt(Math.min(3, maxStages));
            List<ConvStage> layout = new ArrayList<>();
            for (int s = 0; s < stages; s++) {
                layout.add(new ConvStage(CHANNELS[rng.nextInt(CHANNELS.length)], 1 + rng.nextInt(3),
                        KERNELS[rng.nextInt(KERNELS.length)], rng.nextBoolean() ? PoolKind.MAX : PoolKind.AVG));
            }
            ActivationSpace.Head head = rng.nextInt(3) == 0 ? ActivationSpace.Head.FLATTEN : ActivationSpace.Head.GLOBAL_AVG;
            ActivationSpace space = new ActivationSpace(input, classes, layout, head, nonLinear, List.of(1.0));
            Architecture net = space.decode(space.sample(rng));
            nets.add(new Architecture("calibration-" + seed + "-" + i, net.input(), net.nodes()));
        }
        return nets;
    }
}
