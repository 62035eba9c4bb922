package io.hwnas.onnx;

import io.hwnas.arch.Activation;
import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Add;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.BatchNorm;
import io.hwnas.arch.CollapsedLinearBlock;
import io.hwnas.arch.Concat;
import io.hwnas.arch.Conv2d;
import io.hwnas.arch.Dense;
import io.hwnas.arch.DepthToSpace;
import io.hwnas.arch.DepthwiseConv2d;
import io.hwnas.arch.Dropout;
import io.hwnas.arch.Flatten;
import io.hwnas.arch.GlobalPool;
import io.hwnas.arch.Layer;
import io.hwnas.arch.LayerNorm;
import io.hwnas.arch.Multiply;
import io.hwnas.arch.Node;
import io.hwnas.arch.PRelu;
import io.hwnas.arch.Pool2d;
import io.hwnas.arch.PoolKind;
import io.hwnas.arch.Shape;
import io.hwnas.arch.Size2;
import io.hwnas.arch.Upsample;
import io.hwnas.transform.BatchNormParams;
import io.hwnas.transform.ConvParams;
import io.hwnas.transform.DenseParams;
import io.hwnas.transform.LayerNormParams;
import io.hwnas.transform.Parameters;
import io.hwnas.transform.Tensor;

import java.util.List;

import static io.hwnas.onnx.OnnxGraphWriter.ints;
import static io.hwnas.onnx.OnnxGraphWriter.integer;
import static io.hwnas.onnx.OnnxGraphWriter.real;
import static io.hwnas.onnx.OnnxGraphWriter.text;

/**
 * The ONNX (opset {@value OnnxExport#OPSET}, NCHW like DL4J) form of each IR op, one method per op: each writes the
 * node's result under the node's id. Every op computes what hwnas's DL4J layer for it computes in inference mode
 * ({@code GraphBuilder}), with the weights {@code Dl4jParameters} reads (PyTorch layouts, which are ONNX's):
 *
 * <table>
 * <tr><th>IR op</th><th>ONNX</th></tr>
 * <tr><td>conv2d, depthwise_conv2d</td><td>Conv (group = input channels for depthwise)</td></tr>
 * <tr><td>collapsed_linear_block</td><td>Conv with the product of its expand and project weights (+ identity)</td></tr>
 * <tr><td>dense</td><td>Gemm (after Flatten on a feature map)</td></tr>
 * <tr><td>batch_norm</td><td>BatchNormalization with the running statistics</td></tr>
 * <tr><td>layer_norm</td><td>over channels: ReduceMean, Sub, Mul, ReduceMean, Add, Sqrt, Div, Mul, Add</td></tr>
 * <tr><td>activation</td><td>Relu, Clip (relu6), LeakyRelu (0.01), Sigmoid, Tanh, HardSigmoid (1/6, 1/2),
 *     x·Sigmoid (silu), x·HardSigmoid (hard_swish; opset 13 has no HardSwish), x·(1 + Erf(x/√2))/2 (gelu),
 *     Identity</td></tr>
 * <tr><td>pool2d</td><td>MaxPool, AveragePool (count_include_pad = 1)</td></tr>
 * <tr><td>global_pool</td><td>GlobalAveragePool or GlobalMaxPool, then Flatten</td></tr>
 * <tr><td>add, concat, multiply</td><td>Add (chained), Concat (axis 1), Mul (a flat gate Unsqueezed to C×1×1)</td></tr>
 * <tr><td>flatten, dropout</td><td>Flatten (Identity on a flat input), Identity</td></tr>
 * <tr><td>prelu</td><td>PRelu with C×1×1 slopes (C on a flat input)</td></tr>
 * <tr><td>depth_to_space, upsample</td><td>DepthToSpace (DCR: TensorFlow's order, the IR's), Resize (nearest,
 *     asymmetric, floor: each pixel repeated)</td></tr>
 * </table>
 */
final class OnnxOps {
    private static final float GELU_INV_SQRT2 = (float) (1 / Math.sqrt(2));
    /** PyTorch's nn.LeakyReLU slope, the one hwnas's DL4J activation uses. */
    private static final float LEAKY_RELU_SLOPE = 0.01f;

    private final OnnxGraphWriter w;
    private final Architecture arch;
    private final Parameters params;

    OnnxOps(OnnxGraphWriter w, Architecture arch, Parameters params) {
        this.w = w;
        this.arch = arch;
        this.params = params;
    }

    /** Writes {@code node}, reading the tensors named {@code in}, into the tensor named {@code out}. */
    void add(Node node, List<String> in, String out) {
        String id = node.id();
        Shape inShape = arch.inputShapes(node).get(0);
        Layer layer = node.layer();
        if (layer instanceof Conv2d c) {
            conv(out, in.get(0), params.conv(id), c.bias(), c.stride(), c.padding(), c.dilation(), c.groups());
        } else if (layer instanceof DepthwiseConv2d d) {
            conv(out, in.get(0), params.conv(id), d.bias(), d.stride(), d.padding(), d.dilation(), inShape.channels());
        } else if (layer instanceof CollapsedLinearBlock b) {
            conv(out, in.get(0), params.conv(id), false, Size2.of(1), Size2.of((b.kernel() - 1) / 2), Size2.of(1), 1);
        } else if (layer instanceof Dense d) {
            dense(out, in.get(0), inShape, params.dense(id), d.bias());
        } else if (layer instanceof BatchNorm b) {
            batchNorm(out, in.get(0), params.batchNorm(id), b.eps());
        } else if (layer instanceof LayerNorm n) {
            layerNorm(out, in.get(0), inShape, params.layerNorm(id), n.eps());
        } else if (layer instanceof Activation a) {
            activation(out, in.get(0), a.function());
        } else if (layer instanceof Pool2d p) {
            pool(out, in.get(0), p);
        } else if (layer instanceof GlobalPool p) {
            String pooled = w.fresh(out + ".pooled");
            w.node(p.kind() == PoolKind.MAX ? "GlobalMaxPool" : "GlobalAveragePool", List.of(in.get(0)), pooled);
            w.node("Flatten", List.of(pooled), out, integer("axis", 1));
        } else if (layer instanceof Add) {
            add(out, in);
        } else if (layer instanceof Concat) {
            w.node("Concat", in, out, integer("axis", 1));
        } else if (layer instanceof Multiply) {
            multiply(out, in, inShape, arch.inputShapes(node).get(1));
        } else if (layer instanceof Flatten) {
            if (inShape.spatial()) {
                w.node("Flatten", List.of(in.get(0)), out, integer("axis", 1));
            } else {
                w.node("Identity", List.of(in.get(0)), out);
            }
        } else if (layer instanceof Dropout) {
            w.node("Identity", List.of(in.get(0)), out);
        } else if (layer instanceof PRelu) {
            float[] slopes = floats(params.prelu(id).slopes());
            long[] dims = inShape.spatial() ? new long[] {slopes.length, 1, 1} : new long[] {slopes.length};
            w.node("PRelu", List.of(in.get(0), w.floats(out + ".slopes", slopes, dims)), out);
        } else if (layer instanceof DepthToSpace d) {
            w.node("DepthToSpace", List.of(in.get(0)), out, integer("blocksize", d.blockSize()), text("mode", "DCR"));
        } else if (layer instanceof Upsample u) {
            String scales = w.floats(out + ".scales", new float[] {1, 1, u.scale(), u.scale()}, 4);
            w.node("Resize", List.of(in.get(0), "", scales), out, text("mode", "nearest"),
                    text("coordinate_transformation_mode", "asymmetric"), text("nearest_mode", "floor"));
        } else {
            // Layer is sealed: a new op fails OnnxOpsTest's every-op check until it is mapped here
            throw new IllegalArgumentException("node '" + id + "': op " + node.op() + " has no ONNX mapping");
        }
    }

    /** Softmax over the classes, as the classifier head of hwnas's DL4J graphs applies to its last dense layer. */
    void softmax(String in, String out) {
        w.node("Softmax", List.of(in), out, integer("axis", 1));
    }

    private void conv(String out, String in, ConvParams p, boolean hasBias, Size2 stride, Size2 padding,
                      Size2 dilation, int groups) {
        int[] s = p.weight().shape();
        String weight = w.floats(out + ".weight", floats(p.weight()), s[0], s[1], s[2], s[3]);
        List<String> inputs = hasBias ? List.of(in, weight, w.floats(out + ".bias", floats(p.bias()), s[0]))
                : List.of(in, weight);
        w.node("Conv", inputs, out, ints("kernel_shape", s[2], s[3]),
                ints("strides", stride.h(), stride.w()), ints("pads", padding.h(), padding.w(), padding.h(), padding.w()),
                ints("dilations", dilation.h(), dilation.w()), integer("group", groups));
    }

    private void dense(String out, String in, Shape inShape, DenseParams p, boolean hasBias) {
        String x = in;
        if (inShape.spatial()) {
            x = w.fresh(out + ".flat");
            w.node("Flatten", List.of(in), x, integer("axis", 1));
        }
        int[] s = p.weight().shape();
        String weight = w.floats(out + ".weight", floats(p.weight()), s[0], s[1]);
        List<String> inputs = hasBias ? List.of(x, weight, w.floats(out + ".bias", floats(p.bias()), s[0]))
                : List.of(x, weight);
        w.node("Gemm", inputs, out, integer("transB", 1));
    }

    private void batchNorm(String out, String in, BatchNormParams p, double eps) {
        int c = p.channels();
        w.node("BatchNormalization", List.of(in, w.floats(out + ".gamma", floats(p.gamma()), c),
                w.floats(out + ".beta", floats(p.beta()), c), w.floats(out + ".mean", floats(p.mean()), c),
                w.floats(out + ".var", floats(p.var()), c)), out, real("epsilon", (float) eps));
    }

    /**
     * Normalisation over the channels at each position, spelled out in opset-13 ops: LayerNormalization (opset 17)
     * normalises trailing axes, which NCHW's channels are not. Biased variance, as oneDNN's layer norm.
     */
    private void layerNorm(String out, String in, Shape shape, LayerNormParams p, double eps) {
        onnx.Onnx.AttributeProto channels = ints("axes", 1);
        String mean = w.fresh(out + ".mean");
        w.node("ReduceMean", List.of(in), mean, channels, integer("keepdims", 1));
        String centred = w.fresh(out + ".centred");
        w.node("Sub", List.of(in, mean), centred);
        String squared = w.fresh(out + ".squared");
        w.node("Mul", List.of(centred, centred), squared);
        String variance = w.fresh(out + ".variance");
        w.node("ReduceMean", List.of(squared), variance, channels, integer("keepdims", 1));
        String shifted = w.fresh(out + ".variance_eps");
        w.node("Add", List.of(variance, w.scalar(out + ".eps", (float) eps)), shifted);
        String deviation = w.fresh(out + ".deviation");
        w.node("Sqrt", List.of(shifted), deviation);
        String normalised = w.fresh(out + ".normalised");
        w.node("Div", List.of(centred, deviation), normalised);
        int c = shape.channels();
        long[] dims = shape.spatial() ? new long[] {c, 1, 1} : new long[] {c};
        String scaled = w.fresh(out + ".scaled");
        w.node("Mul", List.of(normalised, w.floats(out + ".gamma", floats(p.gamma()), dims)), scaled);
        w.node("Add", List.of(scaled, w.floats(out + ".beta", floats(p.beta()), dims)), out);
    }

    private void activation(String out, String in, ActivationType function) {
        switch (function) {
            case RELU -> w.node("Relu", List.of(in), out);
            case RELU6 -> w.node("Clip", List.of(in, w.scalar(out + ".min", 0), w.scalar(out + ".max", 6)), out);
            case LEAKY_RELU -> w.node("LeakyRelu", List.of(in), out, real("alpha", LEAKY_RELU_SLOPE));
            case SIGMOID -> w.node("Sigmoid", List.of(in), out);
            case TANH -> w.node("Tanh", List.of(in), out);
            case HARD_SIGMOID -> hardSigmoid(in, out);
            case SILU -> {
                String gate = w.fresh(out + ".sigmoid");
                w.node("Sigmoid", List.of(in), gate);
                w.node("Mul", List.of(in, gate), out);
            }
            case HARD_SWISH -> {
                String gate = w.fresh(out + ".hard_sigmoid");
                hardSigmoid(in, gate);
                w.node("Mul", List.of(in, gate), out);
            }
            case GELU -> {
                String scaled = w.fresh(out + ".scaled");
                w.node("Mul", List.of(in, w.scalar(out + ".inv_sqrt2", GELU_INV_SQRT2)), scaled);
                String erf = w.fresh(out + ".erf");
                w.node("Erf", List.of(scaled), erf);
                String onePlus = w.fresh(out + ".one_plus");
                w.node("Add", List.of(erf, w.scalar(out + ".one", 1)), onePlus);
                String product = w.fresh(out + ".product");
                w.node("Mul", List.of(in, onePlus), product);
                w.node("Mul", List.of(product, w.scalar(out + ".half", 0.5f)), out);
            }
            case IDENTITY -> w.node("Identity", List.of(in), out);
        }
    }

    /** relu6(x + 3)/6 = clip(x/6 + 1/2, 0, 1). */
    private void hardSigmoid(String in, String out) {
        w.node("HardSigmoid", List.of(in), out, real("alpha", 1f / 6), real("beta", 0.5f));
    }

    private void pool(String out, String in, Pool2d p) {
        Size2 pad = p.padding();
        if (p.kind() == PoolKind.MAX) {
            w.node("MaxPool", List.of(in), out, ints("kernel_shape", p.kernel().h(), p.kernel().w()),
                    ints("strides", p.stride().h(), p.stride().w()), ints("pads", pad.h(), pad.w(), pad.h(), pad.w()));
        } else {
            w.node("AveragePool", List.of(in), out, ints("kernel_shape", p.kernel().h(), p.kernel().w()),
                    ints("strides", p.stride().h(), p.stride().w()), ints("pads", pad.h(), pad.w(), pad.h(), pad.w()),
                    integer("count_include_pad", 1));
        }
    }

    private void add(String out, List<String> in) {
        String sum = in.get(0);
        for (int i = 1; i < in.size(); i++) {
            String target = i == in.size() - 1 ? out : w.fresh(out + ".partial");
            w.node("Add", List.of(sum, in.get(i)), target);
            sum = target;
        }
    }

    private void multiply(String out, List<String> in, Shape x, Shape gate) {
        String g = in.get(1);
        if (x.spatial() && !gate.spatial()) {
            g = w.fresh(out + ".gate");
            w.node("Unsqueeze", List.of(in.get(1), w.longs(out + ".axes", 2, 3)), g);
        }
        w.node("Mul", List.of(in.get(0), g), out);
    }

    private static float[] floats(Tensor t) {
        double[] v = t.toArray();
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}
