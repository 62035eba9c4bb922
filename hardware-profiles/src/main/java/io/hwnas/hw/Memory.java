package io.hwnas.hw;

import java.io.Serializable;

import static io.hwnas.hw.FieldChecks.positive;

/**
 * Where tensors live and how fast they move (the {@code memory} section of a profile).
 *
 * @param bandwidthBytesPerSecond bandwidth between the compute unit and where activations live
 * @param weightBandwidthBytesPerSecond bandwidth weights stream at (flash on micro-controllers); equal to
 *     {@code bandwidthBytesPerSecond} where they share it
 * @param onChipBytes memory the peak live tensors must fit in; 0 when not modelled
 * @param weightsOnChip whether the weights are stored in that same memory (then they count towards the peak)
 */
public record Memory(double bandwidthBytesPerSecond, double weightBandwidthBytesPerSecond, long onChipBytes,
                     boolean weightsOnChip) implements Serializable {

    public Memory {
        positive("bandwidthBytesPerSecond", bandwidthBytesPerSecond);
        positive("weightBandwidthBytesPerSecond", weightBandwidthBytesPerSecond);
        if (onChipBytes < 0) {
            throw new DeviceProfileException("field 'onChipBytes' = " + onChipBytes + " must be >= 0 (0 = not modelled)");
        }
    }

    /** Whether a peak of {@code bytes} fits the on-chip budget (always, where none is modelled). */
    public boolean fits(long bytes) {
        return onChipBytes == 0 || bytes <= onChipBytes;
    }

    public Memory withBandwidths(double activations, double weights) {
        return new Memory(activations, weights, onChipBytes, weightsOnChip);
    }

    public Memory withWeightsOnChip(boolean onChip) {
        return new Memory(bandwidthBytesPerSecond, weightBandwidthBytesPerSecond, onChipBytes, onChip);
    }
}
