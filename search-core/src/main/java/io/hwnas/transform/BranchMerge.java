package io.hwnas.transform;

import io.hwnas.arch.Add;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.BatchNorm;
import io.hwnas.arch.Conv2d;
import io.hwnas.arch.DepthwiseConv2d;
import io.hwnas.arch.Layer;
import io.hwnas.arch.Node;
import io.hwnas.arch.Size2;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Merges the parallel branches of an add into one conv that takes the add's id (structural
 * re-parameterisation: RepVGG, ACNet, DBB, RepNAS). All branches must start from the same tensor.
 * Each branch is first reduced to at most one linear op plus batch-norm by {@link BatchNormFold}
 * and {@link SequentialCollapse} (so a 1×1 → K×K chain merges when that collapse is exact), then
 * becomes a kernel: a conv of any shape (K×K, 1×1, 1×K, K×1, depthwise), avg-pool (1/K² on the
 * diagonal), or the identity (1 at the diagonal centre, per group), each scaled by its batch-norm.
 * Kernels are zero-padded to the largest window at the offset that makes them read the same input
 * positions, and summed. Exact when the branches share the stride and their windows line up, which
 * the merge checks; dilated branches are refused.
 */
public final class BranchMerge implements Transform {

    public static final String NAME = "branch-merge";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> anchors(Architecture arch) {
        return arch.nodes().stream().filter(n -> n.layer() instanceof Add).filter(n -> {
            List<Branch> branches = Branch.traceAll(arch, n.id());
            return branches.stream().map(Branch::source).distinct().count() == 1
                    && branches.stream().anyMatch(b -> !b.identity());
        }).map(Node::id).toList();
    }

    @Override
    public TransformResult apply(Architecture arch, String at) {
        Node add = arch.node(at);
        if (!(add.layer() instanceof Add)) {
            throw new TransformException(at, "is " + add.op() + ", expected add");
        }
        TransformResult reduced = TransformResult.unchanged(arch);
        for (Optional<Step> step = nextReduction(arch, at); step.isPresent();
             step = nextReduction(reduced.architecture(), at)) {
            try {
                reduced = reduced.then(step.get().transform(), step.get().at());
            } catch (TransformException e) {
                throw e.within("reducing a branch of add '" + at + "'");
            }
        }
        return reduced.then(merge(reduced.architecture(), at));
    }

    private record Step(Transform transform, String at) {
    }

    /** The first fold or collapse that shortens a branch, source side first. */
    private static Optional<Step> nextReduction(Architecture arch, String at) {
        List<Branch> branches = sameSource(arch, at);
        for (Branch b : branches) {
            for (int i = 1; i < b.chain().size(); i++) {
                Node prev = arch.node(b.chain().get(i - 1));
                Node cur = arch.node(b.chain().get(i));
                if (cur.layer() instanceof BatchNorm
                        && (prev.layer() instanceof Conv2d || prev.layer() instanceof DepthwiseConv2d)) {
                    return Optional.of(new Step(new BatchNormFold(), cur.id()));
                }
                if (LinearOp.isLinear(cur) && LinearOp.isLinear(prev)) {
                    return Optional.of(new Step(new SequentialCollapse(), cur.id()));
                }
            }
        }
        return Optional.empty();
    }

    private static List<Branch> sameSource(Architecture arch, String at) {
        List<Branch> branches = Branch.traceAll(arch, at);
        Branch first = branches.get(0);
        for (Branch b : branches) {
            if (!b.source().equals(first.source())) {
                throw new TransformException(at, "field 'inputs': branch '" + first.output() + "' starts from '"
                        + first.source() + "' but branch '" + b.output() + "' from '" + b.source()
                        + "'; only parallel linear branches of one tensor merge");
            }
        }
        return branches;
    }

    /** One reduced branch: a linear op (possibly the identity) and an optional batch-norm after it. */
    private record Part(LinearOp op, String bn, double eps) implements Serializable {
        String name() {
            return op.id() != null ? op.id() : bn;
        }
    }

    /** The merged conv's window and structure, derived from all branches. */
    private record Window(int kh, int kw, int ph, int pw, Size2 stride, int groups, boolean bias, boolean channelWise)
            implements Serializable {

        static Window of(List<Part> parts, String at) {
            LinearOp first = parts.get(0).op();
            int kh = 0;
            int kw = 0;
            int ph = 0;
            int pw = 0;
            int groups = 0;
            boolean bias = false;
            boolean channelWise = true;
            for (Part p : parts) {
                LinearOp op = p.op();
                if (op.dilation().h() != 1 || op.dilation().w() != 1) {
                    throw new TransformException(p.name(), "field 'dilation' = " + op.dilation()
                            + " is not supported in a branch merge (add '" + at + "')");
                }
                if (!op.stride().equals(first.stride())) {
                    throw new TransformException(at, "branch " + op.describe() + " has stride " + op.stride() + " but "
                            + first.describe() + " has " + first.stride() + "; merged branches need one stride");
                }
                kh = Math.max(kh, op.kernel().h());
                kw = Math.max(kw, op.kernel().w());
                ph = Math.max(ph, op.padding().h());
                pw = Math.max(pw, op.padding().w());
                // a sum of block-diagonal kernels is block-diagonal in the coarsest common blocks
                groups = LinearOp.gcd(groups, op.groups());
                bias |= op.bias() || p.bn() != null;
                channelWise &= op.channelWise();
            }
            return new Window(kh, kw, ph, pw, first.stride(), groups, bias, channelWise);
        }

        /**
         * Where a branch kernel sits in the merged window. Branch output y reads input rows
         * y·s + k − p for its taps k; the merged conv reads y·s + k' − P, so k' = k + (P − p), which
         * must stay inside the merged window (P ≥ p holds as P is the largest padding).
         */
        int[] offset(LinearOp op, String at) {
            int oh = ph - op.padding().h();
            int ow = pw - op.padding().w();
            if (oh + op.kernel().h() > kh || ow + op.kernel().w() > kw) {
                throw new TransformException(at, "branch " + op.describe() + " reads input rows/columns offset by ("
                        + oh + ", " + ow + ") from the merged " + kh + "x" + kw + " window with padding " + ph + "x"
                        + pw + ", which does not contain its kernel; its padding must be centred like the widest "
                        + "branch's");
            }
            return new int[] {oh, ow};
        }

        Layer layer(int in, int out) {
            return LinearOp.layer(in, out, new Size2(kh, kw), stride, new Size2(ph, pw), Size2.of(1), groups, bias,
                    channelWise);
        }
    }

    private static TransformResult merge(Architecture arch, String at) {
        List<Branch> branches = sameSource(arch, at);
        String source = branches.get(0).source();
        int channels = arch.shape(source).channels();
        List<Part> parts = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (Branch b : branches) {
            parts.add(part(arch, b, channels, at));
            removed.addAll(b.chain());
        }
        Window window = Window.of(parts, at);
        List<int[]> offsets = parts.stream().map(p -> window.offset(p.op(), at)).toList();
        Layer layer = window.layer(channels, arch.shape(at).channels());
        Architecture target = Edits.replace(arch, removed, new Node(at, layer, List.of(source)));
        WeightMapper weights = p -> {
            Kernel sum = null;
            for (int i = 0; i < parts.size(); i++) {
                Part part = parts.get(i);
                Kernel k = part.op().kernel(p);
                if (part.bn() != null) {
                    BatchNormParams bn = p.batchNorm(part.bn());
                    k = k.affine(bn.scale(part.eps()), bn.shift(part.eps()));
                }
                k = k.embed(window.kh(), window.kw(), offsets.get(i)[0], offsets.get(i)[1]);
                sum = sum == null ? k : sum.plus(k);
            }
            return p.without(removed).with(at, sum.toParams(window.groups()));
        };
        List<String> described = parts.stream()
                .map(p -> p.op().describe() + (p.bn() != null ? " + bn '" + p.bn() + "'" : "")).toList();
        String result = layer instanceof DepthwiseConv2d ? "depthwise conv" : "conv with " + window.groups() + " group(s)";
        return TransformResult.single(target, weights, new Rewrite(NAME, at, "merged " + parts.size()
                + " branches from '" + source + "' (" + String.join(", ", described) + ") into one " + window.kh() + "x"
                + window.kw() + " " + result));
    }

    private static Part part(Architecture arch, Branch b, int channels, String at) {
        List<String> chain = b.chain();
        String bn = null;
        double eps = 0;
        int opEnd = chain.size();
        if (!chain.isEmpty() && arch.node(chain.get(chain.size() - 1)).layer() instanceof BatchNorm norm) {
            bn = chain.get(chain.size() - 1);
            eps = norm.eps();
            opEnd--;
        }
        if (opEnd == 0) {
            return new Part(LinearOp.identity(channels), bn, eps);
        }
        if (opEnd == 1) {
            Optional<LinearOp> op = LinearOp.of(arch, arch.node(chain.get(0)));
            if (op.isPresent()) {
                return new Part(op.get(), bn, eps);
            }
        }
        throw new TransformException(chain.get(0), "branch " + chain + " of add '" + at
                + "' does not reduce to one linear op and a batch-norm (a batch-norm before a conv cannot be folded)");
    }
}
