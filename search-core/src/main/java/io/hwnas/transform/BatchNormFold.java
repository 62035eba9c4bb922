package io.hwnas.transform;

import io.hwnas.arch.Architecture;
import io.hwnas.arch.BatchNorm;
import io.hwnas.arch.Conv2d;
import io.hwnas.arch.Dense;
import io.hwnas.arch.DepthwiseConv2d;
import io.hwnas.arch.Layer;
import io.hwnas.arch.Node;

import java.util.List;

/**
 * Folds an inference-mode batch-norm into the conv, depthwise conv or dense layer before it:
 * W' = W·γ/σ per output channel, b' = β + (b − μ)·γ/σ, σ = sqrt(var + eps). Anchored at the
 * batch-norm, whose id the folded layer takes. Exact; refused when the layer's un-normalised output
 * has another reader.
 */
public final class BatchNormFold implements Transform {

    public static final String NAME = "bn-fold";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> anchors(Architecture arch) {
        return arch.nodes().stream()
                .filter(n -> n.layer() instanceof BatchNorm && !n.inputs().get(0).equals(Node.INPUT)
                        && absorbs(arch.node(n.inputs().get(0)).layer()))
                .map(Node::id).toList();
    }

    private static boolean absorbs(Layer l) {
        return l instanceof Conv2d || l instanceof DepthwiseConv2d || l instanceof Dense;
    }

    @Override
    public TransformResult apply(Architecture arch, String at) {
        Node bn = arch.node(at);
        if (!(bn.layer() instanceof BatchNorm norm)) {
            throw new TransformException(at, "is " + bn.op() + ", expected batch_norm");
        }
        String src = bn.inputs().get(0);
        if (src.equals(Node.INPUT)) {
            throw new TransformException(at, "field 'inputs' is the network input; there is no layer to fold into");
        }
        Node layer = arch.node(src);
        if (!absorbs(layer.layer())) {
            throw new TransformException(at, "its input '" + src + "' is " + layer.op()
                    + "; only conv2d, depthwise_conv2d and dense absorb a batch-norm");
        }
        Readers readers = Readers.of(arch);
        if (!readers.onlyReadBy(src, at)) {
            throw new TransformException(at, "its input '" + src + "' is also read by " + readers.othersThan(src, at)
                    + ", which need the un-normalised values");
        }
        Node folded = new Node(at, withBias(layer.layer()), layer.inputs());
        Architecture target = Edits.replace(arch, List.of(src), folded);
        double eps = norm.eps();
        WeightMapper weights = p -> p.without(List.of(src)).with(at, fold(p.get(src), p.batchNorm(at), eps));
        return TransformResult.single(target, weights,
                new Rewrite(NAME, at, "folded batch_norm '" + at + "' into " + layer.op() + " '" + src + "'"));
    }

    private static Layer withBias(Layer l) {
        if (l instanceof Conv2d c) {
            return new Conv2d(c.outChannels(), c.kernel(), c.stride(), c.padding(), c.dilation(), c.groups(), true);
        }
        if (l instanceof DepthwiseConv2d d) {
            return new DepthwiseConv2d(d.kernel(), d.stride(), d.padding(), d.dilation(), d.multiplier(), true);
        }
        return new Dense(((Dense) l).units(), true);
    }

    static NodeParams fold(NodeParams layer, BatchNormParams bn, double eps) {
        double[] scale = bn.scale(eps);
        double[] shift = bn.shift(eps);
        if (layer instanceof ConvParams c) {
            return new ConvParams(scaleRows(c.weight(), scale), affine(c.bias(), scale, shift));
        }
        DenseParams d = (DenseParams) layer;
        return new DenseParams(scaleRows(d.weight(), scale), affine(d.bias(), scale, shift));
    }

    /** Scales slice [o, ...] by scale[o]: the output-channel axis leads in both conv and dense layouts. */
    private static Tensor scaleRows(Tensor w, double[] scale) {
        if (w.dim(0) != scale.length) {
            throw new IllegalArgumentException("batch-norm has " + scale.length + " channels, the layer " + w.dim(0));
        }
        double[] v = w.toArray();
        int per = v.length / scale.length;
        for (int i = 0; i < v.length; i++) {
            v[i] *= scale[i / per];
        }
        return Tensor.wrap(v, w.shape());
    }

    private static Tensor affine(Tensor b, double[] scale, double[] shift) {
        double[] v = new double[scale.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = b.at(i) * scale[i] + shift[i];
        }
        return Tensor.wrap(v, v.length);
    }
}
