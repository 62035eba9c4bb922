package io.hwnas.arch;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable, validated network: an input shape and a list of nodes in execution order, each
 * reading tensors produced before it (so the list is a topological order and residuals are
 * expressible). The last node is the output; it must be a {@link Dense} classifier for the net to
 * be trainable. Shapes are inferred at construction; an invalid net fails with an
 * {@link ArchitectureException} naming the node, the field and the offending value.
 */
@JsonPropertyOrder({"format", "name", "input", "nodes"})
public final class Architecture implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Version of the JSON form; bumped when the IR changes incompatibly. */
    public static final int FORMAT = 1;

    private final String name;
    private final Shape input;
    private final List<Node> nodes;
    private final Map<String, Shape> shapes;
    private final Map<String, Integer> index;
    private transient volatile String fingerprint;

    public Architecture(String name, Shape input, List<Node> nodes) {
        if (name == null || name.isBlank()) {
            throw new ArchitectureException("field 'name' is required");
        }
        if (input == null || !input.spatial()) {
            throw new ArchitectureException("field 'input' = " + input + " must be a C×H×W image shape");
        }
        if (nodes == null || nodes.isEmpty()) {
            throw new ArchitectureException("architecture '" + name + "': field 'nodes' is empty");
        }
        this.name = name;
        this.input = input;
        Map<String, Shape> inferred = new LinkedHashMap<>();
        Map<String, Integer> positions = new HashMap<>();
        inferred.put(Node.INPUT, input);
        List<Node> resolved = new ArrayList<>(nodes.size());
        String previous = Node.INPUT;
        for (Node node : nodes) {
            if (node == null) {
                throw new ArchitectureException("architecture '" + name + "': a node is null");
            }
            if (inferred.containsKey(node.id())) {
                throw new ArchitectureException("node '" + node.id() + "': field 'id' is used twice");
            }
            Node explicit = node.inputs().isEmpty() ? new Node(node.id(), node.layer(), List.of(previous)) : node;
            List<Shape> inShapes = new ArrayList<>();
            for (String in : explicit.inputs()) {
                Shape s = inferred.get(in);
                if (s == null) {
                    throw new ArchitectureException("node '" + node.id() + "': field 'inputs' names '" + in
                            + "', which is not the input or an earlier node");
                }
                inShapes.add(s);
            }
            Shape out;
            try {
                out = explicit.layer().outputShape(inShapes);
            } catch (IllegalArgumentException e) {
                throw new ArchitectureException("node '" + node.id() + "' (" + explicit.op() + "): " + e.getMessage(), e);
            }
            positions.put(explicit.id(), resolved.size());
            resolved.add(explicit);
            inferred.put(explicit.id(), out);
            previous = explicit.id();
        }
        this.nodes = List.copyOf(resolved);
        this.shapes = Collections.unmodifiableMap(inferred);
        this.index = Map.copyOf(positions);
    }

    @JsonCreator
    static Architecture fromJson(@JsonProperty("format") Integer format, @JsonProperty("name") String name,
                                 @JsonProperty("input") InputJson input, @JsonProperty("nodes") List<Node> nodes) {
        if (format != null && format != FORMAT) {
            throw new ArchitectureException("field 'format' = " + format + " is not supported (this version reads " + FORMAT + ")");
        }
        if (input == null) {
            throw new ArchitectureException("field 'input' is required");
        }
        return new Architecture(name, input.toShape(), nodes);
    }

    /** JSON form of the input: {@code {"channels": 1, "height": 28, "width": 28}}. */
    record InputJson(@JsonProperty("channels") Integer channels, @JsonProperty("height") Integer height,
                     @JsonProperty("width") Integer width) {
        Shape toShape() {
            // boxed so that a missing dimension is reported by name rather than read as 0
            return Shape.image(dimension("channels", channels), dimension("height", height), dimension("width", width));
        }

        private static int dimension(String field, Integer value) {
            int v = Inputs.required("input." + field, value);
            if (v <= 0) {
                throw new ArchitectureException("field 'input." + field + "' = " + v + " must be >= 1");
            }
            return v;
        }
    }

    @JsonProperty("format")
    int format() {
        return FORMAT;
    }

    @JsonProperty("name")
    public String name() {
        return name;
    }

    @JsonProperty("input")
    InputJson inputJson() {
        return new InputJson(input.channels(), input.height(), input.width());
    }

    @JsonIgnore
    public Shape input() {
        return input;
    }

    @JsonProperty("nodes")
    public List<Node> nodes() {
        return nodes;
    }

    @JsonIgnore
    public Node output() {
        return nodes.get(nodes.size() - 1);
    }

    @JsonIgnore
    public Node node(String id) {
        Integer i = index.get(id);
        if (i == null) {
            throw new ArchitectureException("architecture '" + name + "' has no node '" + id + "'");
        }
        return nodes.get(i);
    }

    /** Position of a node in execution order. */
    public int position(String id) {
        node(id);
        return index.get(id);
    }

    /** Output shape of a node, or of {@link Node#INPUT}. */
    public Shape shape(String id) {
        Shape s = shapes.get(id);
        if (s == null) {
            throw new ArchitectureException("architecture '" + name + "' has no tensor '" + id + "'");
        }
        return s;
    }

    public List<Shape> inputShapes(Node node) {
        List<Shape> in = new ArrayList<>(node.inputs().size());
        for (String id : node.inputs()) {
            in.add(shapes.get(id));
        }
        return in;
    }

    /** Canonical id: equal for architectures that differ only in name or node ids. See {@link Fingerprint}. */
    @JsonIgnore
    public String fingerprint() {
        String f = fingerprint;
        if (f == null) {
            f = Fingerprint.of(this);
            fingerprint = f;
        }
        return f;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Architecture other && name.equals(other.name) && input.equals(other.input)
                && nodes.equals(other.nodes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, input, nodes);
    }

    @Override
    public String toString() {
        return "Architecture[" + name + ", " + nodes.size() + " nodes, input " + input + "]";
    }

    /** This architecture with every dropout at rate 0 (which the DL4J graph builder leaves out): deterministic passes. */
    public Architecture withoutDropout() {
        if (nodes.stream().noneMatch(n -> n.layer() instanceof Dropout d && d.rate() > 0)) {
            return this;
        }
        List<Node> kept = new ArrayList<>(nodes.size());
        for (Node n : nodes) {
            kept.add(n.layer() instanceof Dropout ? new Node(n.id(), new Dropout(0), n.inputs()) : n);
        }
        return new Architecture(name, input, kept);
    }
}
