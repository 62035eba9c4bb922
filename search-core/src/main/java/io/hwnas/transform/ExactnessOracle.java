package io.hwnas.transform;

import io.hwnas.arch.Architecture;
import io.hwnas.arch.Conv2d;
import io.hwnas.arch.Dense;
import io.hwnas.arch.DepthwiseConv2d;
import io.hwnas.arch.Layer;
import io.hwnas.arch.Node;
import io.hwnas.arch.Shape;
import io.hwnas.dl4j.GraphBuilder;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Checks a transform numerically: builds the source and the target in DL4J, gives the source
 * random weights, random biases and non-trivial batch-norm statistics (DL4J initialises γ=1, β=0,
 * μ=0, var=1, under which a wrong fold formula would still pass), maps them through the transform,
 * runs the same random batch through both in inference mode, and compares every vertex the two
 * graphs share. Node ids that survive a transform denote the same tensor (see {@link Transform}),
 * so the region's output and everything after it are compared.
 */
public final class ExactnessOracle {

    /** The bar for fp32: rounding differences of exact rewrites stay well below it at these sizes. */
    public static final double FP32_TOLERANCE = 1e-4;

    private final long seed;
    private final int batch;

    public ExactnessOracle(long seed, int batch) {
        if (batch <= 0) {
            throw new IllegalArgumentException("field 'batch' = " + batch + " must be > 0");
        }
        this.seed = seed;
        this.batch = batch;
    }

    public OracleReport compare(Architecture source, TransformResult result) {
        ComputationGraph before = GraphBuilder.buildForHead(source, seed, 1e-3);
        Dl4jParameters.write(source, randomise(source, Dl4jParameters.read(source, before)), before);
        ComputationGraph after = Dl4jParameters.transfer(source, before, result, seed + 1);
        INDArray input = input(source.input());
        Map<String, INDArray> a = before.feedForward(input, false);
        Map<String, INDArray> b = after.feedForward(input, false);
        Map<String, Double> diffs = new LinkedHashMap<>();
        String worst = null;
        double max = 0;
        double reference = 0;
        for (Map.Entry<String, INDArray> e : a.entrySet()) {
            INDArray other = b.get(e.getKey());
            if (e.getKey().equals(Node.INPUT) || other == null) {
                continue;
            }
            double d = Arrays.equals(e.getValue().shape(), other.shape())
                    ? Transforms.abs(e.getValue().sub(other)).maxNumber().doubleValue()
                    : Double.POSITIVE_INFINITY;
            diffs.put(e.getKey(), d);
            reference = Math.max(reference, e.getValue().amaxNumber().doubleValue());
            if (worst == null || d > max) {
                max = d;
                worst = e.getKey();
            }
        }
        if (worst == null) {
            throw new IllegalArgumentException("the source and target graphs share no vertex to compare");
        }
        return new OracleReport(max, worst, diffs, reference);
    }

    private Parameters randomise(Architecture arch, Parameters params) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Parameters out = params;
        for (Node node : arch.nodes()) {
            if (!params.has(node.id())) {
                continue;
            }
            NodeParams p = params.get(node.id());
            boolean bias = hasBias(node.layer());
            if (p instanceof ConvParams c) {
                out = out.with(node.id(), new ConvParams(c.weight(), bias ? gaussian(rnd, c.outChannels(), 0.5)
                        : c.bias()));
            } else if (p instanceof DenseParams d) {
                out = out.with(node.id(), new DenseParams(d.weight(), bias ? gaussian(rnd, d.bias().dim(0), 0.5)
                        : d.bias()));
            } else if (p instanceof BatchNormParams n) {
                int c = n.channels();
                out = out.with(node.id(), new BatchNormParams(uniform(rnd, c, 0.5, 1.5), gaussian(rnd, c, 0.5),
                        gaussian(rnd, c, 0.5), uniform(rnd, c, 0.25, 2.0)));
            } else if (p instanceof LayerNormParams n) {
                out = out.with(node.id(), new LayerNormParams(uniform(rnd, n.channels(), 0.5, 1.5),
                        gaussian(rnd, n.channels(), 0.5)));
            } else if (p instanceof PReluParams r) {
                // away from the initial 0.25 shared by both graphs, so slopes lost in a transfer would show
                out = out.with(node.id(), new PReluParams(uniform(rnd, r.channels(), -0.5, 1.5)));
            }
        }
        return out;
    }

    private static boolean hasBias(Layer l) {
        return (l instanceof Conv2d c && c.bias()) || (l instanceof DepthwiseConv2d d && d.bias())
                || (l instanceof Dense d2 && d2.bias());
    }

    private INDArray input(Shape shape) {
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x5DEECE66DL);
        float[] v = new float[Math.toIntExact(batch * shape.elements())];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        return Nd4j.create(v, new long[] {batch, shape.channels(), shape.height(), shape.width()}, 'c');
    }

    private static Tensor gaussian(SplittableRandom rnd, int n, double std) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = std * rnd.nextGaussian();
        }
        return Tensor.wrap(v, n);
    }

    private static Tensor uniform(SplittableRandom rnd, int n, double lo, double hi) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextDouble(lo, hi);
        }
        return Tensor.wrap(v, n);
    }
}
