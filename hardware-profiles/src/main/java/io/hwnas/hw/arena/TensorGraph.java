package io.hwnas.hw.arena;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * The dataflow an arena planner needs, independent of any device: the network input's size and, per node in
 * execution order, its output size and the nodes it reads. Which nodes write a tensor of their own is the device's
 * business ({@link TensorLiveness}).
 *
 * @param inputElements elements of the network input
 * @param steps the nodes in execution order
 * @param output index of the step whose output is the network output
 */
public record TensorGraph(long inputElements, List<Step> steps, int output) implements Serializable {

    /** Reads of the network input use this index. */
    public static final int NETWORK_INPUT = -1;

    /**
     * One node.
     *
     * @param id the node's id (names its tensor)
     * @param outputElements elements of its output
     * @param inputs the steps it reads, in order ({@link #NETWORK_INPUT} for the network input)
     */
    public record Step(String id, long outputElements, List<Integer> inputs) implements Serializable {

        public Step {
            Objects.requireNonNull(id, "id");
            if (outputElements < 1) {
                throw new IllegalArgumentException("step '" + id + "': outputElements = " + outputElements + " must be >= 1");
            }
            inputs = List.copyOf(inputs);
            if (inputs.isEmpty()) {
                throw new IllegalArgumentException("step '" + id + "' reads nothing");
            }
        }
    }

    public TensorGraph {
        if (inputElements < 1) {
            throw new IllegalArgumentException("inputElements = " + inputElements + " must be >= 1");
        }
        steps = List.copyOf(steps);
        for (int i = 0; i < steps.size(); i++) {
            for (int in : steps.get(i).inputs()) {
                if (in < NETWORK_INPUT || in >= i) {
                    throw new IllegalArgumentException("step '" + steps.get(i).id() + "' reads step " + in
                            + ", which does not run before it");
                }
            }
        }
        if (output < 0 || output >= steps.size()) {
            throw new IllegalArgumentException("output = " + output + " is not a step (0.." + (steps.size() - 1) + ")");
        }
    }
}
