package io.hwnas.transform;

import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureException;
import io.hwnas.arch.BatchNorm;
import io.hwnas.arch.CollapsedLinearBlock;
import io.hwnas.arch.Conv2d;
import io.hwnas.arch.Dense;
import io.hwnas.arch.DepthwiseConv2d;
import io.hwnas.arch.Layer;
import io.hwnas.arch.LayerNorm;
import io.hwnas.arch.Node;
import io.hwnas.arch.PRelu;
import io.hwnas.dl4j.GraphBuilder;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and writes {@link Parameters} on a DL4J graph built by {@link io.hwnas.dl4j.GraphBuilder}
 * (vertex name = node id). DL4J layouts, checked against forward passes: conv W [out, in, kh, kw];
 * depthwise W [kh, kw, in, multiplier] with output channel c·multiplier + j; dense W [in, out];
 * biases [1, out]; batch-norm gamma, beta, mean and either var or log10stdev, where
 * var = (10^log10stdev)² and the layer divides by sqrt(var + eps); PReLU W [C, 1, 1] (or [C] on flat inputs).
 */
public final class Dl4jParameters {

    private Dl4jParameters() {
    }

    public static Parameters read(Architecture arch, ComputationGraph graph) {
        Map<String, NodeParams> out = new LinkedHashMap<>();
        for (Node node : arch.nodes()) {
            Layer layer = node.layer();
            if (!ownsParameters(layer)) {
                continue;
            }
            org.deeplearning4j.nn.api.Layer l = layerOf(graph, node);
            if (layer instanceof Conv2d || layer instanceof DepthwiseConv2d) {
                out.put(node.id(), readConv(arch, node, l));
            } else if (layer instanceof CollapsedLinearBlock b) {
                out.put(node.id(), readCollapsed(b, l));
            } else if (layer instanceof Dense d) {
                INDArray w = l.getParam("W");
                int in = (int) w.size(0);
                Tensor t = Tensor.wrap(transpose(values(w), in, d.units()), d.units(), in);
                out.put(node.id(), new DenseParams(t, bias(l, d.bias(), d.units())));
            } else if (layer instanceof BatchNorm) {
                out.put(node.id(), readBatchNorm(l));
            } else if (layer instanceof LayerNorm) {
                out.put(node.id(), new LayerNormParams(vector(l.getParam("gamma")), vector(l.getParam("beta"))));
            } else if (layer instanceof PRelu) {
                out.put(node.id(), new PReluParams(vector(l.getParam("W"))));
            }
        }
        return new Parameters(out);
    }

    /** Sets every parameter of {@code graph}; fails naming the node if one is missing or does not fit. */
    public static void write(Architecture arch, Parameters params, ComputationGraph graph) {
        for (Node node : arch.nodes()) {
            Layer layer = node.layer();
            if (!ownsParameters(layer)) {
                continue;
            }
            org.deeplearning4j.nn.api.Layer l = layerOf(graph, node);
            if (layer instanceof Conv2d || layer instanceof DepthwiseConv2d) {
                writeConv(arch, node, params.conv(node.id()), l);
            } else if (layer instanceof CollapsedLinearBlock) {
                // one conv weight has many factorisations: a trained-collapsed block is a source, never a target
                throw new IllegalArgumentException("node '" + node.id() + "' (" + node.op() + "): its expand and "
                        + "project weights cannot be set from one conv; deploy it (linear-block-collapse) instead");
            } else if (layer instanceof Dense d) {
                DenseParams p = params.dense(node.id());
                int in = p.weight().dim(1);
                assign(l, "W", transpose(p.weight().raw(), d.units(), in), node);
                writeBias(l, d.bias(), p.bias(), node);
            } else if (layer instanceof BatchNorm) {
                writeBatchNorm(l, params.batchNorm(node.id()), node);
            } else if (layer instanceof LayerNorm) {
                LayerNormParams p = params.layerNorm(node.id());
                assign(l, "gamma", p.gamma().raw(), node);
                assign(l, "beta", p.beta().raw(), node);
            } else if (layer instanceof PRelu) {
                assign(l, "W", params.prelu(node.id()).slopes().raw(), node);
            }
        }
    }

    /**
     * A freshly built graph of the transform's target architecture carrying {@code trained}'s
     * parameters mapped through the transform: e.g. the deployed form of a trained training-time net.
     */
    public static ComputationGraph transfer(Architecture source, ComputationGraph trained, TransformResult result,
                                            long seed) {
        // the learning rate is irrelevant: the graph is built to run, not to train
        return transfer(source, trained, result, GraphBuilder.buildForHead(result.architecture(), seed, 1e-3));
    }

    /**
     * As {@link #transfer(Architecture, ComputationGraph, TransformResult, long)}, into {@code target}, a graph of
     * the result's architecture built by the caller (a detector's, whose head {@link GraphBuilder#buildForHead} cannot
     * know); returns it.
     */
    public static ComputationGraph transfer(Architecture source, ComputationGraph trained, TransformResult result,
                                            ComputationGraph target) {
        Parameters params = result.weights().apply(read(source, trained));
        write(result.architecture(), params, target);
        return target;
    }

    private static boolean ownsParameters(Layer l) {
        return l instanceof Conv2d || l instanceof DepthwiseConv2d || l instanceof Dense || l instanceof BatchNorm
                || l instanceof LayerNorm || l instanceof PRelu || l instanceof CollapsedLinearBlock;
    }

    private static org.deeplearning4j.nn.api.Layer layerOf(ComputationGraph graph, Node node) {
        org.deeplearning4j.nn.api.Layer l = graph.getLayer(node.id());
        if (l == null) {
            throw new IllegalArgumentException("node '" + node.id() + "' (" + node.op() + ") has no layer in the graph");
        }
        return l;
    }

    private static boolean depthwiseLayout(Architecture arch, Node node) {
        if (node.layer() instanceof DepthwiseConv2d) {
            return true;
        }
        Conv2d c = (Conv2d) node.layer();
        int in = arch.inputShapes(node).get(0).channels();
        if (c.groups() == 1) {
            return false;
        }
        if (c.groups() == in) {
            return true;
        }
        throw new ArchitectureException("node '" + node.id() + "' (conv2d): field 'groups' = " + c.groups()
                + " has no DL4J 1.0.0-M2 layer (allowed: 1, or the input channels " + in + ")");
    }

    private static ConvParams readConv(Architecture arch, Node node, org.deeplearning4j.nn.api.Layer l) {
        INDArray w = l.getParam("W");
        long[] s = w.shape();
        double[] v = values(w);
        int out = arch.shape(node.id()).channels();
        Tensor weight;
        if (depthwiseLayout(arch, node)) {
            int kh = (int) s[0];
            int kw = (int) s[1];
            int in = (int) s[2];
            int m = (int) s[3];
            double[] t = new double[v.length];
            for (int y = 0; y < kh; y++) {
                for (int x = 0; x < kw; x++) {
                    for (int c = 0; c < in; c++) {
                        for (int j = 0; j < m; j++) {
                            t[((c * m + j) * kh + y) * kw + x] = v[((y * kw + x) * in + c) * m + j];
                        }
                    }
                }
            }
            weight = Tensor.wrap(t, in * m, 1, kh, kw);
        } else {
            weight = Tensor.wrap(v, (int) s[0], (int) s[1], (int) s[2], (int) s[3]);
        }
        return new ConvParams(weight, bias(l, hasBias(node.layer()), out));
    }

    /**
     * A block trained collapsed, as the one conv it computes: Wp·We (+ the identity at the kernel centre with a
     * short residual), in double precision, no bias.
     */
    private static ConvParams readCollapsed(CollapsedLinearBlock block, org.deeplearning4j.nn.api.Layer l) {
        double[] expand = values(l.getParam("We"));
        double[] project = values(l.getParam("Wp"));
        int out = block.outChannels();
        int p = block.expansion();
        int k = block.kernel();
        int window = expand.length / p;
        double[] w = new double[out * window];
        for (int o = 0; o < out; o++) {
            for (int j = 0; j < p; j++) {
                double a = project[o * p + j];
                for (int i = 0; i < window; i++) {
                    w[o * window + i] += a * expand[j * window + i];
                }
            }
            if (block.residual()) {
                w[o * window + CollapsedLinearBlock.identityColumn(o, k)] += 1;
            }
        }
        return new ConvParams(Tensor.wrap(w, out, window / (k * k), k, k), Tensor.zeros(out));
    }

    private static void writeConv(Architecture arch, Node node, ConvParams p, org.deeplearning4j.nn.api.Layer l) {
        INDArray w = l.getParam("W");
        long[] s = w.shape();
        double[] v = p.weight().raw();
        if (depthwiseLayout(arch, node)) {
            int kh = (int) s[0];
            int kw = (int) s[1];
            int in = (int) s[2];
            int m = (int) s[3];
            checkShape(node, "weight", p.weight(), in * m, 1, kh, kw);
            double[] t = new double[v.length];
            for (int y = 0; y < kh; y++) {
                for (int x = 0; x < kw; x++) {
                    for (int c = 0; c < in; c++) {
                        for (int j = 0; j < m; j++) {
                            t[((y * kw + x) * in + c) * m + j] = v[((c * m + j) * kh + y) * kw + x];
                        }
                    }
                }
            }
            assign(l, "W", t, node);
        } else {
            checkShape(node, "weight", p.weight(), (int) s[0], (int) s[1], (int) s[2], (int) s[3]);
            assign(l, "W", v, node);
        }
        writeBias(l, hasBias(node.layer()), p.bias(), node);
    }

    private static boolean hasBias(Layer layer) {
        return layer instanceof Conv2d c ? c.bias() : ((DepthwiseConv2d) layer).bias();
    }

    private static BatchNormParams readBatchNorm(org.deeplearning4j.nn.api.Layer l) {
        Tensor var;
        if (usesLogStd(l)) {
            double[] log10Std = values(l.getParam("log10stdev"));
            double[] v = new double[log10Std.length];
            for (int i = 0; i < v.length; i++) {
                double std = Math.pow(10, log10Std[i]);
                v[i] = std * std;
            }
            var = Tensor.wrap(v, v.length);
        } else {
            var = vector(l.getParam("var"));
        }
        return new BatchNormParams(vector(l.getParam("gamma")), vector(l.getParam("beta")), vector(l.getParam("mean")),
                var);
    }

    private static void writeBatchNorm(org.deeplearning4j.nn.api.Layer l, BatchNormParams p, Node node) {
        int c = (int) l.getParam("gamma").length();
        if (p.channels() != c) {
            throw new IllegalArgumentException("node '" + node.id() + "': batch-norm has " + c
                    + " channels, parameters have " + p.channels());
        }
        assign(l, "gamma", p.gamma().raw(), node);
        assign(l, "beta", p.beta().raw(), node);
        assign(l, "mean", p.mean().raw(), node);
        if (usesLogStd(l)) {
            double[] log10Std = new double[c];
            for (int i = 0; i < c; i++) {
                log10Std[i] = 0.5 * Math.log10(p.var().at(i));
            }
            assign(l, "log10stdev", log10Std, node);
        } else {
            assign(l, "var", p.var().raw(), node);
        }
    }

    private static boolean usesLogStd(org.deeplearning4j.nn.api.Layer l) {
        return ((BatchNormalization) l.conf().getLayer()).isUseLogStd();
    }

    private static Tensor bias(org.deeplearning4j.nn.api.Layer l, boolean present, int out) {
        return present ? vector(l.getParam("b")) : Tensor.zeros(out);
    }

    private static void writeBias(org.deeplearning4j.nn.api.Layer l, boolean present, Tensor bias, Node node) {
        if (present) {
            assign(l, "b", bias.raw(), node);
        } else if (!bias.allZero()) {
            throw new IllegalArgumentException("node '" + node.id() + "' (" + node.op()
                    + ") has field 'bias' = false, but its parameters carry a non-zero bias");
        }
    }

    private static void checkShape(Node node, String field, Tensor t, int... expected) {
        if (!Arrays.equals(t.shape(), expected)) {
            throw new IllegalArgumentException("node '" + node.id() + "': parameter '" + field + "' is "
                    + Arrays.toString(t.shape()) + ", the layer needs " + Arrays.toString(expected));
        }
    }

    private static void assign(org.deeplearning4j.nn.api.Layer l, String key, double[] values, Node node) {
        INDArray target = l.getParam(key);
        if (target.length() != values.length) {
            throw new IllegalArgumentException("node '" + node.id() + "': parameter '" + key + "' has "
                    + target.length() + " values in the graph, " + values.length + " given");
        }
        target.assign(Nd4j.createFromArray(values).castTo(target.dataType()).reshape('c', target.shape()));
    }

    private static Tensor vector(INDArray a) {
        double[] v = values(a);
        return Tensor.wrap(v, v.length);
    }

    private static double[] values(INDArray a) {
        return a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    /** Row-major [rows, cols] to row-major [cols, rows]. */
    private static double[] transpose(double[] v, int rows, int cols) {
        double[] t = new double[v.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = v[r * cols + c];
            }
        }
        return t;
    }
}
