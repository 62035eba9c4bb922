package io.hwnas.detection;

import java.io.Serializable;
import java.util.List;

/**
 * One composed canvas: its pixels in [0, 1], row-major, one channel, and what was pasted onto it.
 *
 * @param backgroundItems the source items the background texture was made from
 */
public record DetectionSample(int size, float[] pixels, List<PlacedObject> objects, List<Integer> backgroundItems)
        implements Serializable {

    public DetectionSample {
        if (pixels == null || pixels.length != size * size) {
            throw new IllegalArgumentException("a " + size + "x" + size + " canvas needs " + size * size + " pixels");
        }
        objects = List.copyOf(objects);
        backgroundItems = List.copyOf(backgroundItems);
    }

    public List<GroundTruth> groundTruths() {
        return objects.stream().map(PlacedObject::truth).toList();
    }
}
