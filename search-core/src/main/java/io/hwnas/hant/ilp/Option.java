package io.hwnas.hant.ilp;

import java.io.Serializable;

/** One choice for one group of the problem: its value (maximised) and its cost (bounded by the budget). */
public record Option(String name, double score, double cost) implements Serializable {

    public Option {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("field 'name' is required");
        }
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException("option '" + name + "': field 'score' = " + score + " must be finite");
        }
        if (!(cost >= 0) || Double.isInfinite(cost)) {
            throw new IllegalArgumentException("option '" + name + "': field 'cost' = " + cost + " must be finite and >= 0");
        }
    }
}
