package io.hwnas.transform;

import java.io.Serializable;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The parameters of an architecture's nodes, by node id; only nodes that own parameters appear. */
public record Parameters(Map<String, NodeParams> byNode) implements Serializable {

    public Parameters {
        if (byNode == null) {
            throw new IllegalArgumentException("field 'byNode' is required");
        }
        // insertion order kept so that reports and iteration follow the architecture
        byNode = Collections.unmodifiableMap(new LinkedHashMap<>(byNode));
    }

    public static Parameters empty() {
        return new Parameters(Map.of());
    }

    public boolean has(String node) {
        return byNode.containsKey(node);
    }

    public NodeParams get(String node) {
        NodeParams p = byNode.get(node);
        if (p == null) {
            throw new IllegalArgumentException("no parameters for node '" + node + "'");
        }
        return p;
    }

    public ConvParams conv(String node) {
        return as(node, ConvParams.class);
    }

    public DenseParams dense(String node) {
        return as(node, DenseParams.class);
    }

    public BatchNormParams batchNorm(String node) {
        return as(node, BatchNormParams.class);
    }

    public LayerNormParams layerNorm(String node) {
        return as(node, LayerNormParams.class);
    }

    public PReluParams prelu(String node) {
        return as(node, PReluParams.class);
    }

    private <T extends NodeParams> T as(String node, Class<T> type) {
        NodeParams p = get(node);
        if (!type.isInstance(p)) {
            throw new IllegalArgumentException("parameters of node '" + node + "' are " + p.getClass().getSimpleName()
                    + ", expected " + type.getSimpleName());
        }
        return type.cast(p);
    }

    /** A copy with {@code node}'s parameters set (replacing any it had). */
    public Parameters with(String node, NodeParams params) {
        Map<String, NodeParams> m = new LinkedHashMap<>(byNode);
        m.put(node, params);
        return new Parameters(m);
    }

    public Parameters without(Collection<String> nodes) {
        Map<String, NodeParams> m = new LinkedHashMap<>(byNode);
        m.keySet().removeAll(nodes);
        return new Parameters(m);
    }
}
