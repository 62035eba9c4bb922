package io.hwnas.transform;

import io.hwnas.arch.Architecture;
import io.hwnas.arch.CollapsedLinearBlock;
import io.hwnas.arch.Node;

import java.util.List;

/**
 * Turns a linear block trained collapsed ({@link CollapsedLinearBlock}) into the one conv it computes, at its own
 * id. Exact by construction, and its weights pass unchanged: the block's parameters already read as that conv's
 * ({@link Dl4jParameters}), the expand/project factors being a training-time parameterisation.
 */
public final class TrainedCollapse implements Transform {

    public static final String NAME = "trained-collapse";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> anchors(Architecture arch) {
        return arch.nodes().stream().filter(n -> n.layer() instanceof CollapsedLinearBlock).map(Node::id).toList();
    }

    @Override
    public TransformResult apply(Architecture arch, String at) {
        Node node = arch.node(at);
        if (!(node.layer() instanceof CollapsedLinearBlock b)) {
            throw new TransformException(at, "is " + node.op() + ", not a linear block trained collapsed");
        }
        return TransformResult.single(Edits.replace(arch, List.of(), new Node(at, b.deployed(), node.inputs())),
                WeightMapper.identity(), new Rewrite(NAME, at, b.kernel() + "x" + b.kernel() + " block trained "
                        + "collapsed (p = " + b.expansion() + (b.residual() ? ", residual" : "") + ") -> its conv"));
    }
}
