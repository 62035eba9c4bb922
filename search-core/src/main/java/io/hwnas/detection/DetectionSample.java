package io.hwnas.detection;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;
import java.util.List;

/**
 * One composed canvas: its pixels in [0, 1], row-major, one channel, and what was pasted onto it. The pixels are
 * copied in and out, so a sample stays what was composed whoever holds it.
 *
 * @param backgroundItems the source items the background texture was made from
 */
public record DetectionSample(int size, float[] pixels, List<PlacedObject> objects, List<Integer> backgroundItems)
        implements Serializable {

    public DetectionSample {
        if (pixels == null || pixels.length != size * size) {
            throw new IllegalArgumentException("a " + size + "x" + size + " canvas needs " + size * size + " pixels");
        }
        pixels = pixels.clone();
        objects = List.copyOf(objects);
        backgroundItems = List.copyOf(backgroundItems);
    }

    @Override
    public float[] pixels() {
        return pixels.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DetectionSample other && size == other.size && Arrays.equals(pixels, other.pixels)
                && objects.equals(other.objects) && backgroundItems.equals(other.backgroundItems);
    }

    @Override
    public int hashCode() {
        return Objects.hash(size, Arrays.hashCode(pixels), objects, backgroundItems);
    }

    @Override
    public String toString() {
        return "DetectionSample[" + size + "x" + size + ", " + objects.size() + " objects]";
    }

    public List<GroundTruth> groundTruths() {
        return objects.stream().map(PlacedObject::truth).toList();
    }
}
