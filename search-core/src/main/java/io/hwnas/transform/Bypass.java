package io.hwnas.transform;

import io.hwnas.arch.Architecture;
import io.hwnas.arch.Node;

/** Shared by the transforms that delete a parameter-free single-input node. */
final class Bypass {
    private Bypass() {
    }

    static TransformResult apply(Architecture arch, Node node, String transform, String detail) {
        if (node == arch.output()) {
            throw new TransformException(node.id(), "is the network output, which cannot be removed");
        }
        String source = node.inputs().get(0);
        return TransformResult.single(Edits.bypass(arch, node.id()), WeightMapper.identity(),
                new Rewrite(transform, node.id(), detail + "; its readers now read '" + source + "'"));
    }
}
