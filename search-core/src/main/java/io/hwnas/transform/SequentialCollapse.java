package io.hwnas.transform;

import io.hwnas.arch.Architecture;
import io.hwnas.arch.BatchNorm;
import io.hwnas.arch.Layer;
import io.hwnas.arch.Node;
import io.hwnas.arch.Size2;

import java.util.List;
import java.util.Optional;

/**
 * Collapses two consecutive linear window ops A → B (conv, depthwise, avg-pool), one of them 1×1,
 * into one conv that takes B's id. A batch-norm between them is folded into A first.
 *
 * <p>Exact cases, borders included:
 * <ul>
 *   <li>B is 1×1 without padding: B only sees in-image positions of A's output, so any stride,
 *       padding and dilation of A works, and B's stride multiplies A's.</li>
 *   <li>A is 1×1 without padding and with stride 1, and either B has no padding or A has no bias:
 *       B's zero padding then equals the 1×1's output at zero input. A 1×1 with a bias (its own or a
 *       folded batch-norm's) would put its bias, not zero, where B reads padding, so that case is
 *       refused. A strided 1×1 before a K×K would need a dilated kernel and is refused too.</li>
 * </ul>
 * Two spatial kernels are refused: B would zero-pad values that the collapsed conv computes.
 */
public final class SequentialCollapse implements Transform {

    public static final String NAME = "sequential-collapse";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> anchors(Architecture arch) {
        return arch.nodes().stream().filter(n -> LinearOp.isLinear(n) && upstreamLinear(arch, n.inputs().get(0)))
                .map(Node::id).toList();
    }

    private static boolean upstreamLinear(Architecture arch, String tensor) {
        if (tensor.equals(Node.INPUT)) {
            return false;
        }
        Node n = arch.node(tensor);
        if (n.layer() instanceof BatchNorm) {
            String in = n.inputs().get(0);
            return !in.equals(Node.INPUT) && LinearOp.isLinear(arch.node(in));
        }
        return LinearOp.isLinear(n);
    }

    @Override
    public TransformResult apply(Architecture arch, String at) {
        Node second = arch.node(at);
        if (!LinearOp.isLinear(second)) {
            throw new TransformException(at, "is " + second.op() + ", expected conv2d, depthwise_conv2d or avg pool2d");
        }
        String mid = second.inputs().get(0);
        if (mid.equals(Node.INPUT)) {
            throw new TransformException(at, "reads the network input; there is no earlier layer to collapse into it");
        }
        TransformResult folded = TransformResult.unchanged(arch);
        if (arch.node(mid).layer() instanceof BatchNorm) {
            folded = new BatchNormFold().apply(arch, mid);
        }
        Architecture a = folded.architecture();
        Node firstNode = a.node(mid);
        Optional<LinearOp> maybeFirst = LinearOp.of(a, firstNode);
        if (maybeFirst.isEmpty()) {
            throw new TransformException(at, "its input '" + mid + "' is " + firstNode.op() + ", not a linear layer");
        }
        Readers readers = Readers.of(a);
        if (!readers.onlyReadBy(mid, at)) {
            throw new TransformException(at, "its input '" + mid + "' is also read by " + readers.othersThan(mid, at)
                    + ", which need the intermediate tensor");
        }
        LinearOp first = maybeFirst.get();
        LinearOp last = LinearOp.of(a, a.node(at)).orElseThrow();
        return folded.then(collapse(a, first, last, firstNode.inputs()));
    }

    private static TransformResult collapse(Architecture arch, LinearOp first, LinearOp last, List<String> inputs) {
        String at = last.id();
        boolean lastIsPointwise = last.pointwise() && isZero(last.padding());
        if (!lastIsPointwise) {
            checkPointwiseFirst(first, last);
        }
        Size2 kernel = lastIsPointwise ? first.kernel() : last.kernel();
        Size2 stride = lastIsPointwise
                ? new Size2(first.stride().h() * last.stride().h(), first.stride().w() * last.stride().w())
                : last.stride();
        Size2 padding = lastIsPointwise ? first.padding() : last.padding();
        Size2 dilation = lastIsPointwise ? first.dilation() : last.dilation();
        int groups = LinearOp.gcd(first.groups(), last.groups());
        Layer layer = LinearOp.layer(first.in(), last.out(), kernel, stride, padding, dilation, groups,
                first.bias() || last.bias(), first.channelWise() && last.channelWise());
        Architecture target = Edits.replace(arch, List.of(first.id()), new Node(at, layer, inputs));
        WeightMapper weights = p -> {
            Kernel a = first.kernel(p);
            Kernel b = last.kernel(p);
            Kernel k = lastIsPointwise ? a.thenPointwise(b) : b.afterPointwise(a);
            return p.without(List.of(first.id())).with(at, k.toParams(groups));
        };
        return TransformResult.single(target, weights,
                new Rewrite(NAME, at, "collapsed " + first.describe() + " and " + last.describe() + " into one "
                        + kernel.h() + "x" + kernel.w() + " conv"));
    }

    /** The refusals for a spatial second op; see the class comment for why each case is inexact. */
    private static void checkPointwiseFirst(LinearOp first, LinearOp last) {
        String at = last.id();
        if (!first.pointwise()) {
            if (last.pointwise()) {
                throw new TransformException(at, "field 'padding' = " + last.padding() + " on a 1x1 after "
                        + first.describe() + " puts the 1x1's bias at the padded border, which one conv cannot "
                        + "reproduce; collapse needs padding 0 on the 1x1");
            }
            throw new TransformException(at, "neither " + first.describe() + " nor " + last.describe()
                    + " is 1x1; the second would zero-pad values the collapsed conv computes from the input");
        }
        if (!isZero(first.padding())) {
            throw new TransformException(first.id(), "field 'padding' = " + first.padding() + " on a 1x1 before "
                    + last.describe() + " gives a border of bias values that one conv cannot reproduce");
        }
        if (first.stride().h() != 1 || first.stride().w() != 1) {
            throw new TransformException(first.id(), "field 'stride' = " + first.stride() + " on a 1x1 before "
                    + last.describe() + " would need a dilated collapsed kernel; collapse needs stride 1 here");
        }
        if (first.bias() && !isZero(last.padding())) {
            throw new TransformException(at, "field 'padding' = " + last.padding() + " zero-pads the output of 1x1 '"
                    + first.id() + "', whose bias (its own or a folded batch-norm's) would be there instead in the "
                    + "collapsed conv, so the border would differ; exact only with a bias-free 1x1 or padding 0");
        }
    }

    static boolean isZero(Size2 s) {
        return s.h() == 0 && s.w() == 0;
    }
}
