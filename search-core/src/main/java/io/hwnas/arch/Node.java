package io.hwnas.arch;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.io.Serializable;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One vertex of the architecture graph. An empty {@code inputs} list means "the previous node"
 * (the network input for the first node); {@link Architecture} resolves it, so every node of a
 * constructed architecture names its inputs explicitly.
 */
public record Node(String id, Layer layer, List<String> inputs) implements Serializable {

    /** The reserved name of the network input tensor. */
    public static final String INPUT = "input";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.\\-/]+");

    public Node {
        if (id == null || !ID.matcher(id).matches()) {
            throw new ArchitectureException("node id '" + id + "' is invalid (allowed: letters, digits, _ . - /)");
        }
        if (id.equals(INPUT)) {
            throw new ArchitectureException("node id 'input' is reserved for the network input");
        }
        if (layer == null) {
            throw new ArchitectureException("node '" + id + "': field 'layer' is required");
        }
        inputs = inputs == null ? List.of() : List.copyOf(inputs);
    }

    @JsonCreator
    static Node fromJson(@JsonProperty("id") String id, @JsonProperty("layer") Layer layer,
                         @JsonProperty("inputs") List<String> inputs) {
        return new Node(id, layer, inputs);
    }

    public static Node of(String id, Layer layer, String... inputs) {
        return new Node(id, layer, List.of(inputs));
    }

    /** The op name used in JSON ({@code conv2d}, {@code add}, ...). */
    public String op() {
        return LayerNames.of(layer);
    }
}
