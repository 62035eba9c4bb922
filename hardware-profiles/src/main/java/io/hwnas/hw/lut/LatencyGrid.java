package io.hwnas.hw.lut;

import io.hwnas.arch.ActivationType;

import java.util.Arrays;
import java.util.List;

/**
 * The op shapes a latency table measures. Every combination of the listed channels, sizes, kernels and
 * strides is one probe per op type, so the table covers the ops hwnas's search spaces produce on small
 * images; queries between the points are interpolated, outside them extrapolated along each op's trend.
 */
public record LatencyGrid(String name, List<Integer> channels, List<Integer> sizes, List<Integer> kernels,
                          List<Integer> strides, List<ActivationType> activations, List<Integer> denseInputs,
                          List<Integer> denseOutputs) {

    /** A few seconds: for tests and a first look. */
    public static final LatencyGrid QUICK = new LatencyGrid("quick", List.of(8, 32), List.of(7, 28), List.of(1, 3),
            List.of(1), List.of(ActivationType.RELU, ActivationType.SILU), List.of(32, 256), List.of(10));

    /** About a minute on two cores: what {@code hwnas lut build} measures by default. */
    public static final LatencyGrid STANDARD = new LatencyGrid("standard", List.of(4, 16, 64), List.of(7, 14, 28),
            List.of(1, 3, 5), List.of(1, 2), Arrays.stream(ActivationType.values()).filter(ActivationType::isNonLinear)
            .toList(), List.of(16, 64, 256, 1024), List.of(10, 64, 256));

    public LatencyGrid {
        for (List<Integer> l : List.of(channels, sizes, kernels, strides, denseInputs, denseOutputs)) {
            if (l.isEmpty() || l.stream().anyMatch(v -> v < 1)) {
                throw new IllegalArgumentException("latency grid '" + name + "': every list needs positive values, got "
                        + l);
            }
        }
        channels = List.copyOf(channels);
        sizes = List.copyOf(sizes);
        kernels = List.copyOf(kernels);
        strides = List.copyOf(strides);
        activations = List.copyOf(activations);
        denseInputs = List.copyOf(denseInputs);
        denseOutputs = List.copyOf(denseOutputs);
    }

    public static LatencyGrid byName(String name) {
        return switch (name) {
            case "quick" -> QUICK;
            case "standard" -> STANDARD;
            default -> throw new IllegalArgumentException("unknown latency grid '" + name + "' (allowed: quick, standard)");
        };
    }
}
