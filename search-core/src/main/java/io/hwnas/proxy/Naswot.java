package io.hwnas.proxy;

import io.hwnas.arch.Activation;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.Node;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

/**
 * NASWOT: log det of the activation-pattern kernel of an untrained net on one minibatch.
 * <p>
 * A unit's code is the sign of its pre-activation x. It is read off the activation's output as
 * f(x) > f(0), which is the same test for every IR activation (each is either increasing, or —
 * SiLU, GELU, hard-swish — positive exactly where x is); the pre-activation itself is not
 * available, because DL4J applies activations in place during inference and overwrites it. The
 * float rounding of f near 0 can only misplace units with |x| below ~10⁻⁷ (sigmoid's f(x) rounds to
 * 0.5 there).
 */
final class Naswot {
    private Naswot() {
    }

    /**
     * @param graph {@code arch} as {@link io.hwnas.dl4j.GraphBuilder} built it, untrained
     * @return log det K_H, or −∞ for a singular kernel (see {@link NaswotKernel#logDet}); a net
     *     without non-linear activations has an all-zero kernel and so scores −∞ too
     */
    static double score(ComputationGraph graph, Architecture arch, INDArray features) {
        return NaswotKernel.logDet(kernel(graph, arch, features).matrix());
    }

    static NaswotKernel kernel(ComputationGraph graph, Architecture arch, INDArray features) {
        // inference mode: batch-norm uses its (initial) running statistics and dropout is off, so one
        // input's code does not depend on the rest of the batch
        Map<String, INDArray> activations = graph.feedForward(features, false);
        NaswotKernel kernel = new NaswotKernel((int) features.size(0));
        for (Node node : arch.nodes()) {
            if (node.layer() instanceof Activation a && a.function().isNonLinear()) {
                // the graph builder names each activation's vertex after its node
                INDArray out = activations.get(node.id());
                if (out == null) {
                    throw new IllegalStateException("NASWOT: no output recorded for activation node '" + node.id()
                            + "' of '" + arch.name() + "'");
                }
                kernel.add(out, atZero(activation(graph, node.id())));
            }
        }
        return kernel;
    }

    /** The DL4J function of the activation vertex {@code id}. */
    static IActivation activation(ComputationGraph graph, String id) {
        if (graph.getLayer(id).conf().getLayer() instanceof ActivationLayer layer) {
            return layer.getActivationFn();
        }
        throw new IllegalStateException("NASWOT: vertex '" + id + "' is not an activation layer");
    }

    /** f(0), computed by DL4J's own implementation so the threshold matches the outputs bit for bit. */
    static double atZero(IActivation f) {
        return f.getActivation(Nd4j.zeros(1, 1), false).getDouble(0);
    }
}
