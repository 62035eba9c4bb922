package io.hwnas.arch;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.Serializable;

/**
 * A (height, width) pair for kernels, strides, paddings and dilations. JSON accepts a single
 * integer for square values or {@code [h, w]}; it always writes {@code [h, w]} so the canonical
 * form (and hence the fingerprint) does not depend on how a user spelled it.
 */
public record Size2(int h, int w) implements Serializable {

    public Size2 {
        if (h < 0 || w < 0) {
            throw new IllegalArgumentException("must be >= 0, got [" + h + ", " + w + "]");
        }
    }

    public static Size2 of(int both) {
        return new Size2(both, both);
    }

    @JsonCreator
    static Size2 fromJson(JsonNode node) {
        if (node.isInt()) {
            return of(node.intValue());
        }
        if (node.isArray() && node.size() == 2 && node.get(0).isInt() && node.get(1).isInt()) {
            return new Size2(node.get(0).intValue(), node.get(1).intValue());
        }
        throw new IllegalArgumentException("expected an integer or [h, w], got " + node);
    }

    @JsonValue
    int[] toJson() {
        return new int[] {h, w};
    }

    public long area() {
        return (long) h * w;
    }

    @Override
    public String toString() {
        return h == w ? Integer.toString(h) : h + "x" + w;
    }
}
