package io.hwnas.hant;

import java.io.Serializable;

/** One phase-1 task: distil op {@code op} into layer {@code layer}, initialised and shuffled from {@code seed}. */
public record DistillationUnit(int layer, Op op, long seed) implements Serializable {

    public DistillationUnit {
        if (layer < 0) {
            throw new IllegalArgumentException("field 'layer' = " + layer + " must be >= 0");
        }
        if (op == null) {
            throw new IllegalArgumentException("field 'op' is required");
        }
    }
}
