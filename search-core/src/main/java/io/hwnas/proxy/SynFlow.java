package io.hwnas.proxy;

import io.hwnas.arch.Activation;
import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.BatchNorm;
import io.hwnas.arch.Dropout;
import io.hwnas.arch.LayerNorm;
import io.hwnas.arch.Node;
import io.hwnas.arch.Shape;
import io.hwnas.dl4j.GraphBuilder;
import io.hwnas.dl4j.LayerKernels;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSwish;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SynFlow (Tanaka et al. 2020): every parameter replaced by its absolute value, an all-ones input
 * of batch 1, R = Σ of the network's output, score = Σ |θ ⊙ ∂R/∂θ| over the conv, depthwise and
 * dense weights (biases and normalisation parameters are not summed, as in both reference
 * implementations, Tanaka's and Abdelfattah et al.'s zero-cost proxies).
 * <p>
 * What differs from the trained net, and why:
 * <ul>
 *   <li>R is taken before the classifier's softmax: softmax outputs always sum to 1, so R would be
 *       constant and every gradient zero.</li>
 *   <li>Batch-norm (and layer-norm, which DL4J builds as batch-norm) is in eval mode. At
 *       initialisation its running mean is 0, its variance 1, γ = 1 and β = 0, so eval mode is
 *       x/√(1+ε), i.e. the identity up to a factor 1 − 5·10⁻⁶. DL4J differentiates only in training
 *       mode, where batch-norm would normalise the single all-ones input by its own statistics, so
 *       these nodes are replaced by the identity (what the zero-cost-proxies code does with
 *       {@code bn=False}). Dropout is off, as in eval mode.</li>
 *   <li>SiLU uses {@link SigmoidGated}, the same function with a derivative that does not overflow:
 *       pre-activations here reach 10¹⁰ and more, where DL4J's own derivative is NaN. hwnas's exact
 *       GELU stays finite as it is.</li>
 *   <li>Arithmetic is in double and the result is the natural log of the sum: with |θ| weights R
 *       grows by roughly √fan-in per layer, so the raw score spans dozens of orders of magnitude
 *       between nets and could overflow float. Rank correlations are unaffected by the log.</li>
 * </ul>
 */
final class SynFlow {
    private static final String WEIGHT_KEY = "W";
    /** Never used (no training), but the builder asks for one. */
    private static final double UNUSED_LEARNING_RATE = 1e-3;

    private SynFlow() {
    }

    /** ln Σ|θ ⊙ ∂R/∂θ| for {@code arch} initialised from {@code seed}; −∞ if every such product is zero. */
    static double logScore(Architecture arch, long seed) {
        return Math.log(rawScore(graph(arch, seed), arch.input()));
    }

    /** The graph SynFlow differentiates: {@link #evalForm} of {@code arch}, in double, R as its loss. */
    static ComputationGraph graph(Architecture arch, long seed) {
        // DL4J's own layers: SynFlow needs double precision, hwnas's oneDNN layers compute in float
        ComputationGraphConfiguration conf = GraphBuilder.configure(evalForm(arch), seed, UNUSED_LEARNING_RATE,
                LayerKernels.DL4J);
        conf.setDataType(DataType.DOUBLE);
        for (GraphVertex vertex : conf.getVertices().values()) {
            if (vertex instanceof LayerVertex v && v.getLayerConf().getLayer() instanceof ActivationLayer a) {
                a.setActivationFn(overflowSafe(a.getActivationFn()));
            }
        }
        for (String output : conf.getNetworkOutputs()) {
            BaseOutputLayer out = (BaseOutputLayer) ((LayerVertex) conf.getVertices().get(output)).getLayerConf().getLayer();
            out.setActivationFn(new ActivationIdentity());
            out.setLossFn(new SumOfOutputs());
        }
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    /** The same function with a derivative that survives SynFlow's huge pre-activations (see {@link SigmoidGated}). */
    static IActivation overflowSafe(IActivation f) {
        if (f instanceof ActivationSwish) {
            return new SigmoidGated(SigmoidGated.SILU);
        }
        return f;
    }

    /** {@code arch} with batch-norm, layer-norm and dropout replaced by identity activations (see class comment). */
    static Architecture evalForm(Architecture arch) {
        List<Node> nodes = new ArrayList<>(arch.nodes().size());
        for (Node n : arch.nodes()) {
            boolean identityAtInit = n.layer() instanceof BatchNorm || n.layer() instanceof LayerNorm
                    || n.layer() instanceof Dropout;
            nodes.add(identityAtInit ? new Node(n.id(), new Activation(ActivationType.IDENTITY), n.inputs()) : n);
        }
        return new Architecture(arch.name(), arch.input(), nodes);
    }

    /**
     * Makes every parameter of {@code graph} (built by {@link #graph}) non-negative in place, runs
     * the all-ones input through it and returns Σ|θ ⊙ ∂R/∂θ| over the weights.
     */
    static double rawScore(ComputationGraph graph, Shape input) {
        INDArray params = graph.params();
        params.assign(Transforms.abs(params, true));
        graph.setInput(0, Nd4j.ones(DataType.DOUBLE, 1, input.channels(), input.height(), input.width()));
        long outputs = graph.getLayer(graph.getConfiguration().getNetworkOutputs().get(0)).paramTable().get(WEIGHT_KEY).size(1);
        graph.setLabel(0, Nd4j.zeros(DataType.DOUBLE, 1, outputs));
        graph.computeGradientAndScore();
        Map<String, INDArray> gradients = graph.gradient().gradientForVariable();
        double sum = 0;
        for (Layer layer : graph.getLayers()) {
            INDArray weights = layer.paramTable().get(WEIGHT_KEY);
            if (weights == null) {
                continue;
            }
            String key = layer.conf().getLayer().getLayerName() + "_" + WEIGHT_KEY;
            INDArray gradient = gradients.get(key);
            if (gradient == null) {
                throw new IllegalStateException("SynFlow: no gradient for " + key + "; gradients: " + gradients.keySet());
            }
            sum += weights.mul(gradient).norm1Number().doubleValue();
        }
        return sum;
    }

    /** R = Σ outputs of a graph from {@link #graph} on the all-ones input, with its current parameters. */
    static double objective(ComputationGraph graph, Shape input) {
        INDArray out = graph.outputSingle(false,
                Nd4j.ones(DataType.DOUBLE, 1, input.channels(), input.height(), input.width()));
        return out.sumNumber().doubleValue();
    }
}
