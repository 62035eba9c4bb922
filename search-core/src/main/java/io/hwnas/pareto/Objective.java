package io.hwnas.pareto;

import java.io.Serializable;

/** A named quantity to optimise, e.g. {@code accuracy} (maximise) or {@code latency} (minimise). */
public record Objective(String name, Direction direction) implements Serializable {

    public Objective {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("objective name must be non-blank, got " + (name == null ? "null" : "'" + name + "'"));
        }
        if (direction == null) {
            throw new IllegalArgumentException("objective '" + name + "': direction must not be null");
        }
    }

    public static Objective maximize(String name) {
        return new Objective(name, Direction.MAXIMIZE);
    }

    public static Objective minimize(String name) {
        return new Objective(name, Direction.MINIMIZE);
    }
}
