package io.hwnas.pareto;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

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

    /** Configs write an objective as {@code {maximize: accuracy}} or {@code {minimize: latency_ms_host_cpu}}. */
    @JsonCreator
    static Objective fromJson(@JsonProperty("maximize") String maximize, @JsonProperty("minimize") String minimize) {
        if ((maximize == null) == (minimize == null)) {
            throw new IllegalArgumentException("an objective is {maximize: COLUMN} or {minimize: COLUMN}, got maximize="
                    + maximize + ", minimize=" + minimize);
        }
        return maximize != null ? maximize(maximize) : minimize(minimize);
    }

    public static Objective maximize(String name) {
        return new Objective(name, Direction.MAXIMIZE);
    }

    public static Objective minimize(String name) {
        return new Objective(name, Direction.MINIMIZE);
    }
}
