package io.hwnas.space;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.hwnas.arch.Size2;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The branch kinds of a RepNAS slot (shared/docs/algorithms.md §6), in the canonical order dimensions
 * and branches are laid out in. JSON and configs use the {@link #id()}.
 */
public enum RepBranch {
    CONV_1X1("1x1", new Size2(1, 1)),
    CONV_3X3("3x3", new Size2(3, 3)),
    /** ACNet's horizontal kernel. */
    CONV_1X3("1x3", new Size2(1, 3)),
    /** ACNet's vertical kernel. */
    CONV_3X1("3x1", new Size2(3, 1)),
    /** DBB's 1×1 → 3×3 chain. */
    CONV_1X1_3X3("1x1-3x3", new Size2(3, 3)),
    /** DBB's 1×1 → 3×3 average-pool chain. */
    CONV_1X1_AVG("1x1-avg", new Size2(3, 3)),
    /** A batch-norm of the slot's input; only where the slot keeps shape (stride 1, C_in = C_out). */
    IDENTITY("identity", new Size2(1, 1));

    private final String id;
    private final Size2 window;

    RepBranch(String id, Size2 window) {
        this.id = id;
        this.window = window;
    }

    @JsonValue
    public String id() {
        return id;
    }

    /** The kernel extent this branch occupies in the slot's deployed conv. */
    public Size2 window() {
        return window;
    }

    public boolean isIdentity() {
        return this == IDENTITY;
    }

    /** The id, so that messages listing branches read like the config. */
    @Override
    public String toString() {
        return id;
    }

    @JsonCreator
    public static RepBranch fromId(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (RepBranch b : values()) {
            if (b.id.equals(key)) {
                return b;
            }
        }
        throw new IllegalArgumentException("unknown branch '" + name + "' (allowed: " + allowed() + ")");
    }

    public static String allowed() {
        return Arrays.stream(values()).map(RepBranch::id).collect(Collectors.joining(", "));
    }
}
