package io.hwnas.hant;

import io.hwnas.arch.Node;

import java.util.List;

/**
 * One layer's op as IR: nodes that read the layer's input tensor and end in {@code output}. An
 * identity op has no nodes and its output is its input tensor.
 */
public record Fragment(List<Node> nodes, String output) {

    public Fragment {
        nodes = List.copyOf(nodes);
        if (output == null || output.isBlank()) {
            throw new IllegalArgumentException("field 'output' is required");
        }
    }
}
