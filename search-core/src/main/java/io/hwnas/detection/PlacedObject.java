package io.hwnas.detection;

import java.io.Serializable;

/**
 * One item pasted onto a canvas.
 *
 * @param truth the tight box of the pasted item's non-zero pixels, and its Fashion-MNIST class
 * @param sourceItem the item's index in its source file (training file for train and validation, else test file)
 * @param visibleFraction the share of its non-zero pixels no later item covers
 */
public record PlacedObject(GroundTruth truth, int sourceItem, double visibleFraction) implements Serializable {

    public PlacedObject {
        if (truth == null || sourceItem < 0 || !(visibleFraction >= 0 && visibleFraction <= 1)) {
            throw new IllegalArgumentException("a placed object needs its ground truth, a source item >= 0 and a visible "
                    + "fraction in [0, 1], got " + truth + ", " + sourceItem + ", " + visibleFraction);
        }
    }
}
