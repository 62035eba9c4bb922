package io.hwnas.arch.zoo;

import io.hwnas.arch.Architecture;
import io.hwnas.arch.Shape;

import java.io.Serializable;
import java.util.List;

/**
 * A network family RAN-i can scale (shared/docs/algorithms.md §3): its base plan of residual blocks
 * per stage and channels per stage, and how to build the family at any plan.
 */
public record ScalableNetwork(String name, List<Integer> depths, List<Integer> widths, Factory factory)
        implements Serializable {

    /** Builds the family with the given blocks and channels per stage. */
    @FunctionalInterface
    public interface Factory extends Serializable {
        Architecture build(String name, Shape input, int classes, List<Integer> depths, List<Integer> widths);
    }

    public ScalableNetwork {
        depths = List.copyOf(depths);
        widths = List.copyOf(widths);
        if (depths.isEmpty() || depths.size() != widths.size()) {
            throw new IllegalArgumentException("network '" + name + "': depths " + depths + " and widths " + widths
                    + " must be non-empty and of equal length");
        }
    }

    /** depth_s = round(d_s·dm) and width_s = round(w_s·wm), each at least 1. */
    public List<Integer> scaledDepths(double depthMultiplier) {
        return depths.stream().map(d -> Math.max(1, (int) Math.round(d * depthMultiplier))).toList();
    }

    public List<Integer> scaledWidths(double widthMultiplier) {
        return widths.stream().map(w -> Math.max(1, (int) Math.round(w * widthMultiplier))).toList();
    }

    public Architecture build(Shape input, int classes, double widthMultiplier, double depthMultiplier) {
        return factory.build(name, input, classes, scaledDepths(depthMultiplier), scaledWidths(widthMultiplier));
    }

    /**
     * NN-Mass for nets with one residual per block, as the RAN-i code measures expressivity:
     * 2 · Σ_s depth_s · width_s (stem, downsampling and head excluded).
     */
    public static long nnMass(List<Integer> depths, List<Integer> widths) {
        long mass = 0;
        for (int s = 0; s < depths.size(); s++) {
            mass += (long) depths.get(s) * widths.get(s);
        }
        return 2 * mass;
    }
}
