package io.hwnas.space;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code hwnas spaces} says about a kind of space: a one-line summary, a few lines of detail,
 * every config key with its meaning, allowed values and default, and an example config. A test
 * checks the keys against the space's JSON creator, so this text cannot fall behind the code.
 *
 * @param keys config key (besides {@code type}) → what it means, allowed values and default, in the
 *     order to print them
 * @param example an example sweep config of this kind, relative to the repository root
 *     ({@code examples/ran-i.yaml})
 */
public record SpaceHelp(String summary, List<String> details, Map<String, String> keys, String example) {

    /** The meaning of the {@code input} key that image spaces share. */
    public static final String INPUT =
            "{channels, height, width} of the images, e.g. {channels: 1, height: 28, width: 28}";
    /** The meaning of the {@code classes} key that image spaces share. */
    public static final String CLASSES = "classes of the classifier (default: 10)";

    public SpaceHelp {
        if (summary == null || summary.isBlank()) {
            throw new IllegalArgumentException("a space kind's help needs a one-line summary");
        }
        details = List.copyOf(details);
        if (keys == null || keys.isEmpty()) {
            throw new IllegalArgumentException("a space kind's help must describe its config keys");
        }
        keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
        if (example == null || example.isBlank()) {
            throw new IllegalArgumentException("a space kind's help must name an example config");
        }
    }
}
