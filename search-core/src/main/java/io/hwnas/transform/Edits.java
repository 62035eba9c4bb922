package io.hwnas.transform;

import io.hwnas.arch.Architecture;
import io.hwnas.arch.Node;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/** Structural edits that rebuild an architecture (which re-validates it and re-infers shapes). */
final class Edits {
    private Edits() {
    }

    /**
     * Replaces a region by one node that takes the id and position of the region's output, so the
     * rest of the graph is untouched. {@code removed} are the other nodes of the region.
     */
    static Architecture replace(Architecture arch, Collection<String> removed, Node replacement) {
        Set<String> gone = Set.copyOf(removed);
        arch.node(replacement.id());
        List<Node> nodes = new ArrayList<>(arch.nodes().size());
        for (Node n : arch.nodes()) {
            if (n.id().equals(replacement.id())) {
                nodes.add(replacement);
            } else if (!gone.contains(n.id())) {
                nodes.add(n);
            }
        }
        Architecture edited = new Architecture(arch.name(), arch.input(), nodes);
        if (!edited.shape(replacement.id()).equals(arch.shape(replacement.id()))) {
            // downstream dense layers accept any size, so a changed shape would not fail on its own
            throw new TransformException(replacement.id(), "the rewritten " + replacement.op() + " would output "
                    + edited.shape(replacement.id()) + " instead of " + arch.shape(replacement.id()));
        }
        return edited;
    }

    /** Deletes a single-input node; its readers read its input instead. */
    static Architecture bypass(Architecture arch, String id) {
        String source = arch.node(id).inputs().get(0);
        List<Node> nodes = new ArrayList<>(arch.nodes().size());
        for (Node n : arch.nodes()) {
            if (n.id().equals(id)) {
                continue;
            }
            List<String> inputs = n.inputs().stream().map(in -> in.equals(id) ? source : in).toList();
            nodes.add(new Node(n.id(), n.layer(), inputs));
        }
        return new Architecture(arch.name(), arch.input(), nodes);
    }
}
