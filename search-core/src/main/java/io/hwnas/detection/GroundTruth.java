package io.hwnas.detection;

import java.io.Serializable;

/** One labelled object of an image: its box and class. */
public record GroundTruth(Box box, int classId) implements Serializable {

    public GroundTruth {
        if (box == null) {
            throw new IllegalArgumentException("field 'box' is required");
        }
        if (classId < 0) {
            throw new IllegalArgumentException("field 'classId' = " + classId + " must be >= 0");
        }
    }
}
