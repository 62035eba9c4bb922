package io.hwnas.transform;

import io.hwnas.arch.Activation;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.Node;

import java.util.List;

/**
 * Deletes an activation node; its readers read its input instead. Unlike the other transforms this
 * changes the function (unless the activation is the identity): it is the architecture decision of
 * RAN-e / SESR that makes the linear layers on either side collapsible, after which
 * {@link Collapse} rewrites them exactly. The weights carry over unchanged.
 */
public final class ActivationRemoval implements Transform {

    public static final String NAME = "activation-removal";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> anchors(Architecture arch) {
        return arch.nodes().stream().filter(n -> n.layer() instanceof Activation && n != arch.output())
                .map(Node::id).toList();
    }

    @Override
    public TransformResult apply(Architecture arch, String at) {
        Node node = arch.node(at);
        if (!(node.layer() instanceof Activation a)) {
            throw new TransformException(at, "is " + node.op() + ", expected activation");
        }
        return Bypass.apply(arch, node, NAME, "removed " + a.function().id() + " activation '" + at + "'");
    }

    /** Removes several activations in turn, e.g. every activation inside a block. */
    public static TransformResult removeAll(Architecture arch, List<String> ids) {
        TransformResult result = TransformResult.unchanged(arch);
        ActivationRemoval removal = new ActivationRemoval();
        for (String id : ids) {
            result = result.then(removal, id);
        }
        return result;
    }
}
