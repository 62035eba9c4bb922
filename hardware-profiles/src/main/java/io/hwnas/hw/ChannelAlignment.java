package io.hwnas.hw;

import java.io.Serializable;

/**
 * Channel multiples a device computes in (algorithms.md §8: "efficiency differs by channel alignment").
 * An NPU working on 8-deep micro-blocks spends the cycles of 8 channels on a layer with 3, so compute is
 * charged on channel counts rounded up to these multiples; 1 means no effect.
 *
 * @param input multiple the (per-group) input channels of a conv or the inputs of a dense layer round up to
 * @param output multiple output channels (and depthwise channels) round up to
 */
public record ChannelAlignment(int input, int output) implements Serializable {

    public static final ChannelAlignment NONE = new ChannelAlignment(1, 1);

    public ChannelAlignment {
        check("input", input);
        check("output", output);
    }

    /**
     * How many times more work than the real channel counts the device does: ≥ 1. A count of 0 means the
     * axis is not aligned (a depthwise conv reduces over no input channels, so only its channels align).
     */
    public double padding(int inputChannels, int outputChannels) {
        return factor(inputChannels, input) * factor(outputChannels, output);
    }

    private static double factor(int channels, int multiple) {
        return channels <= 0 ? 1 : roundUp(channels, multiple) / (double) channels;
    }

    private static long roundUp(int channels, int multiple) {
        return ((long) channels + multiple - 1) / multiple * multiple;
    }

    private static void check(String field, int value) {
        if (value < 1 || value > 4096) {
            throw new DeviceProfileException("field '" + field + "' = " + value + " must be in [1, 4096] (1 = no alignment effect)");
        }
    }
}
