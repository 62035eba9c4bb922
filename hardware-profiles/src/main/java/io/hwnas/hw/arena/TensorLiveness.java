package io.hwnas.hw.arena;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * The tensors of a network on a device, with their live steps. A step that writes no tensor of its own (a batch-norm
 * folded into its conv, an activation run in its conv's output stage, a reshape such as flatten, dropout and
 * identity) passes its first input's tensor on: that tensor then stays live until the last reader of either. Every
 * other step writes a tensor live from its own step to its last reader's (the network output to the last step), so
 * an activation that is not fused holds its input and its output at once.
 */
public final class TensorLiveness {
    private static final String INPUT = "input";

    private TensorLiveness() {
    }

    /**
     * The arena's tensors: the network input first, then one per step that writes one, in step order.
     *
     * @param writesNoTensor which steps (by index) write into their first input's tensor instead of one of their own
     * @param bytesPerElement bytes of one element of every tensor
     */
    public static List<LiveTensor> of(TensorGraph graph, IntPredicate writesNoTensor, int bytesPerElement) {
        List<TensorGraph.Step> steps = graph.steps();
        int n = steps.size();
        // tensor 0 is the network input, tensor k > 0 is written by step owner[k]
        int[] tensorOf = new int[n];
        int[] owner = new int[n + 1];
        int count = 1;
        for (int i = 0; i < n; i++) {
            if (writesNoTensor.test(i)) {
                tensorOf[i] = tensor(tensorOf, steps.get(i).inputs().get(0));
            } else {
                tensorOf[i] = count;
                owner[count++] = i;
            }
        }
        int[] last = new int[count];
        for (int k = 1; k < count; k++) {
            last[k] = owner[k];
        }
        for (int i = 0; i < n; i++) {
            for (int in : steps.get(i).inputs()) {
                int k = tensor(tensorOf, in);
                last[k] = Math.max(last[k], i);
            }
        }
        last[tensorOf[graph.output()]] = n - 1;
        List<LiveTensor> tensors = new ArrayList<>(count);
        tensors.add(new LiveTensor(INPUT, Math.multiplyExact(graph.inputElements(), (long) bytesPerElement), 0, last[0]));
        for (int k = 1; k < count; k++) {
            TensorGraph.Step step = steps.get(owner[k]);
            tensors.add(new LiveTensor(step.id(), Math.multiplyExact(step.outputElements(), (long) bytesPerElement),
                    owner[k], last[k]));
        }
        return tensors;
    }

    private static int tensor(int[] tensorOf, int step) {
        return step == TensorGraph.NETWORK_INPUT ? 0 : tensorOf[step];
    }
}
