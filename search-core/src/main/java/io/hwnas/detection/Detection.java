package io.hwnas.detection;

import java.io.Serializable;

/** One box a detector reports: where, which class, how confident. */
public record Detection(Box box, int classId, double score) implements Serializable {

    public Detection {
        if (box == null) {
            throw new IllegalArgumentException("field 'box' is required");
        }
        if (classId < 0) {
            throw new IllegalArgumentException("field 'classId' = " + classId + " must be >= 0");
        }
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException("field 'score' = " + score + " must be finite");
        }
    }
}
