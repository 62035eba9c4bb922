package io.hwnas.transform;

import java.io.Serializable;

/**
 * One applied rewrite, for reports: which transform, at which node, and what it replaced.
 *
 * @param at the id of the rewritten region's output, which the replacement keeps
 */
public record Rewrite(String transform, String at, String detail) implements Serializable {

    public Rewrite {
        if (transform == null || transform.isBlank()) {
            throw new IllegalArgumentException("field 'transform' is required");
        }
        if (at == null || at.isBlank()) {
            throw new IllegalArgumentException("field 'at' is required");
        }
        detail = detail == null ? "" : detail;
    }

    @Override
    public String toString() {
        return transform + " at '" + at + "': " + detail;
    }
}
