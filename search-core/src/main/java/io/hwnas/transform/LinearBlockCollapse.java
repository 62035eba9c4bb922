package io.hwnas.transform;

import io.hwnas.arch.Add;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.BatchNorm;
import io.hwnas.arch.Node;

import java.util.List;
import java.util.Optional;

/**
 * Collapses a SESR / RAN-e collapsible linear block — K×K expand C→P, 1×1 project P→O, no
 * activation between (batch-norms allowed), optionally a residual add from the block input when
 * C = O — into one K×K conv. Anchored at the residual add, or at the project conv when there is
 * none; the conv takes that id. Exact, borders included: the 1×1 only sees in-image positions.
 * The work is done by {@link SequentialCollapse} and {@link BranchMerge}; this transform checks
 * the block shape so that a request to collapse "this block" cannot silently do something else.
 */
public final class LinearBlockCollapse implements Transform {

    public static final String NAME = "linear-block-collapse";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> anchors(Architecture arch) {
        return arch.nodes().stream().filter(n -> blockError(arch, n).isEmpty()).map(Node::id).toList();
    }

    @Override
    public TransformResult apply(Architecture arch, String at) {
        Node node = arch.node(at);
        Optional<String> error = blockError(arch, node);
        if (error.isPresent()) {
            throw new TransformException(at, error.get());
        }
        return node.layer() instanceof Add ? new BranchMerge().apply(arch, at) : new SequentialCollapse().apply(arch, at);
    }

    /** Why {@code node} does not end a collapsible linear block, or empty when it does. */
    private static Optional<String> blockError(Architecture arch, Node node) {
        if (node.layer() instanceof Add) {
            List<Branch> branches = Branch.traceAll(arch, node.id());
            if (branches.size() != 2) {
                return Optional.of("field 'inputs' has " + branches.size() + " entries; a residual block adds 2");
            }
            Branch body = branches.get(0).identity() ? branches.get(1) : branches.get(0);
            Branch skip = branches.get(0).identity() ? branches.get(0) : branches.get(1);
            if (!skip.identity() || !skip.output().equals(body.source())) {
                return Optional.of("is not a residual around a linear block: inputs " + node.inputs()
                        + " are not the block input and a linear path from it");
            }
            List<String> ops = body.chain().stream().filter(id -> LinearOp.isLinear(arch.node(id))).toList();
            if (ops.size() != 2) {
                return Optional.of("the path " + body.chain() + " has " + ops.size() + " linear layers, expected a K×K "
                        + "expand and a 1x1 project");
            }
            return projectError(arch, arch.node(ops.get(1)));
        }
        return projectError(arch, node);
    }

    private static Optional<String> projectError(Architecture arch, Node project) {
        Optional<LinearOp> op = LinearOp.of(arch, project);
        if (op.isEmpty() || !op.get().pointwise() || op.get().kind() != LinearOp.Kind.CONV) {
            return Optional.of("'" + project.id() + "' is " + project.op() + ", expected the block's 1x1 project conv");
        }
        String in = project.inputs().get(0);
        if (!in.equals(Node.INPUT) && arch.node(in).layer() instanceof BatchNorm) {
            in = arch.node(in).inputs().get(0);
        }
        if (in.equals(Node.INPUT) || LinearOp.of(arch, arch.node(in)).filter(e -> e.kind() == LinearOp.Kind.CONV).isEmpty()) {
            return Optional.of("the input of 1x1 '" + project.id() + "' is not the block's K×K expand conv");
        }
        return Optional.empty();
    }
}
