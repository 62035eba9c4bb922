package io.hwnas.hw;

import io.hwnas.hw.arena.ArenaPlan;
import io.hwnas.hw.arena.GreedyPlacement;
import io.hwnas.hw.arena.TensorLiveness;

import java.util.List;

/**
 * Peak memory of a network on a device: its tensors laid out in one arena the way Vela and TensorFlow Lite (Micro)
 * plan them (hardware-profiles/README.md, "Peak memory"). A node the device {@linkplain Fusion#absorbs absorbs}
 * writes no tensor of its own; every other node writes one, live from its step to its last reader's; tensors are
 * placed greedily, largest first, at the lowest offset free of every tensor live at a common step.
 */
public final class ArenaMemory {

    private ArenaMemory() {
    }

    /** The arena of the network's activations (weights excluded) at the profile's data type. */
    public static ArenaPlan plan(DeviceProfile profile, NetworkWork work) {
        List<NodeWork> nodes = work.nodes();
        return GreedyPlacement.place(TensorLiveness.of(work.tensors(),
                i -> profile.fusion().absorbs(nodes.get(i), profile.activations()), profile.bytesPerElement()));
    }

    /** The arena's size, plus every weight byte where the weights share that memory ({@code memory.weightsOnChip}). */
    public static long peakBytes(DeviceProfile profile, NetworkWork work) {
        long peak = plan(profile, work).peakBytes();
        if (profile.memory().weightsOnChip()) {
            peak = Math.addExact(peak, Math.multiplyExact(work.weightElements(), (long) profile.bytesPerElement()));
        }
        return peak;
    }
}
