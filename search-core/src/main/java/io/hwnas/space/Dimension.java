package io.hwnas.space;

import java.io.Serializable;
import java.util.HashSet;
import java.util.List;

/** One searchable slot of a space and the options it may take, in a fixed order (a gene indexes them). */
public record Dimension(String name, List<String> options) implements Serializable {

    public Dimension {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("dimension name is required");
        }
        if (options == null || options.isEmpty()) {
            throw new IllegalArgumentException("dimension '" + name + "' has no options");
        }
        options = List.copyOf(options);
        if (new HashSet<>(options).size() != options.size()) {
            throw new IllegalArgumentException("dimension '" + name + "' lists an option twice: " + options);
        }
    }

    public int size() {
        return options.size();
    }
}
