package io.hwnas.hw.measure;

import io.hwnas.arch.Architecture;
import io.hwnas.arch.Node;
import io.hwnas.arch.Shape;
import io.hwnas.dl4j.GraphBuilder;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.VertexIndices;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Real DL4J inference latency of an IR architecture on this JVM, batch 1, fp32: the whole network through
 * {@link ComputationGraph#output}, and each node's own vertex run alone on the activations a forward pass
 * gave it. Weights are random (latency does not depend on their values); the input is seeded.
 * Timings use whatever ND4J thread count the JVM runs with.
 */
public final class Dl4jLatency implements AutoCloseable {
    private static final double LEARNING_RATE = 1e-3;

    private final Architecture architecture;
    private final ComputationGraph graph;
    private final INDArray input;

    public Dl4jLatency(Architecture architecture, long seed) {
        this.architecture = architecture;
        this.graph = graph(architecture, seed);
        Shape in = architecture.input();
        this.input = Nd4j.create(SeededInput.pixels(in, seed), SeededInput.shape(in), 'c').castTo(DataType.FLOAT);
    }

    /** The graph measured mode runs: DL4J's initial weights from {@code seed} (latency does not depend on them). */
    static ComputationGraph graph(Architecture architecture, long seed) {
        return GraphBuilder.build(architecture, seed, LEARNING_RATE);
    }

    /** Latency of one whole inference. */
    public Timing network(InferenceTimer timer) {
        return timer.time(networkRun());
    }

    /** One whole inference, for a caller that times it with its own protocol ({@link RepeatProtocol}). */
    public Runnable networkRun() {
        return () -> graph.output(false, input);
    }

    /**
     * Latency of each node's vertex alone, in node order; nodes DL4J runs as no vertex of their own
     * (a flatten of a flat tensor, a dropout of rate 0) take 0.
     */
    public Map<String, Timing> perNode(InferenceTimer timer) {
        Map<String, INDArray> activations = graph.feedForward(input, false);
        Map<String, Timing> out = new LinkedHashMap<>();
        for (Node node : architecture.nodes()) {
            out.put(node.id(), node(node.id(), activations, timer));
        }
        return out;
    }

    /** Latency of one node's vertex alone (see {@link #perNode}). */
    public Timing node(String nodeId, InferenceTimer timer) {
        return node(nodeId, graph.feedForward(input, false), timer);
    }

    private Timing node(String nodeId, Map<String, INDArray> activations, InferenceTimer timer) {
        GraphVertex vertex = graph.getVertex(nodeId);
        if (vertex == null) {
            return new Timing(0, 0, 0, 0, 0);
        }
        LayerWorkspaceMgr workspaces = LayerWorkspaceMgr.noWorkspaces();
        VertexIndices[] inputs = vertex.getInputVertices();
        INDArray[] arrays = new INDArray[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            arrays[i] = activations.get(graph.getVertices()[inputs[i].getVertexIndex()].getVertexName());
        }
        Timing t = timer.time(() -> {
            for (int i = 0; i < arrays.length; i++) {
                vertex.setInput(i, arrays[i], workspaces);
            }
            vertex.doForward(false, workspaces);
        });
        vertex.clear();
        return t;
    }

    @Override
    public void close() {
        graph.clear();
    }
}
