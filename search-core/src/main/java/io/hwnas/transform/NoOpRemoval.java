package io.hwnas.transform;

import io.hwnas.arch.Activation;
import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.Dropout;
import io.hwnas.arch.Node;

import java.util.List;

/**
 * Deletes nodes that are the identity at inference: identity activations and dropout. Exact for
 * the deployed (inference) form, and it exposes the linear layers around them to collapsing.
 */
public final class NoOpRemoval implements Transform {

    public static final String NAME = "no-op-removal";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> anchors(Architecture arch) {
        return arch.nodes().stream().filter(n -> isNoOp(n) && n != arch.output()).map(Node::id).toList();
    }

    private static boolean isNoOp(Node n) {
        return n.layer() instanceof Dropout
                || (n.layer() instanceof Activation a && a.function() == ActivationType.IDENTITY);
    }

    @Override
    public TransformResult apply(Architecture arch, String at) {
        Node node = arch.node(at);
        if (!isNoOp(node)) {
            throw new TransformException(at, "is " + node.op() + ", which is not the identity at inference");
        }
        return Bypass.apply(arch, node, NAME, "removed " + node.op() + " '" + at + "' (identity at inference)");
    }
}
