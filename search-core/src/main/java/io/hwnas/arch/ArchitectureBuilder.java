package io.hwnas.arch;

import java.util.ArrayList;
import java.util.List;

/**
 * Fluent construction of an architecture: {@link #add} chains onto the last node, {@link #addFrom}
 * names its inputs. Ids are the caller's; {@link #uniqueId} helps generated nets.
 */
public final class ArchitectureBuilder {
    private final String name;
    private final Shape input;
    private final List<Node> nodes = new ArrayList<>();
    private String last = Node.INPUT;

    public ArchitectureBuilder(String name, Shape input) {
        this.name = name;
        this.input = input;
    }

    public ArchitectureBuilder add(String id, Layer layer) {
        return addFrom(id, layer, last);
    }

    public ArchitectureBuilder addFrom(String id, Layer layer, String... inputs) {
        nodes.add(Node.of(id, layer, inputs));
        last = id;
        return this;
    }

    /** conv → BN → activation, the ubiquitous block; returns the id of the activation (or BN, for identity). */
    public String convBnAct(String prefix, Layer conv, ActivationType act) {
        add(prefix + ".conv", conv);
        add(prefix + ".bn", BatchNorm.standard());
        if (act != null) {
            add(prefix + ".act", new Activation(act));
        }
        return last;
    }

    public String last() {
        return last;
    }

    public Architecture build() {
        return new Architecture(name, input, nodes);
    }
}
