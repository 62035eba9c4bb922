package io.hwnas.hw.arena;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Greedy-by-size offset placement, the planner of TensorFlow Lite Micro ({@code GreedyMemoryPlanner}) and Vela's
 * {@code --tensor-allocator Greedy}: tensors in order of size, largest first (ties: earlier first), each at the
 * lowest offset where it overlaps no already placed tensor that is live at a common step. Vela's default
 * allocator (HillClimb) starts from this order and only keeps improvements, so its arena is at most this one.
 */
public final class GreedyPlacement {
    private static final Comparator<LiveTensor> ORDER = Comparator.comparingLong(LiveTensor::bytes).reversed()
            .thenComparingInt(LiveTensor::firstStep);

    private GreedyPlacement() {
    }

    public static ArenaPlan place(List<LiveTensor> tensors) {
        LiveTensor[] order = tensors.toArray(new LiveTensor[0]);
        Arrays.sort(order, ORDER); // stable: equal tensors keep their given order
        int n = order.length;
        long[] offsets = new long[n];
        // the tensors placed so far, by ascending offset: the gaps between them are scanned bottom up
        int[] byOffset = new int[n];
        List<ArenaPlan.Placement> placed = new ArrayList<>(n);
        long peak = 0;
        for (int k = 0; k < n; k++) {
            LiveTensor t = order[k];
            long offset = 0;
            for (int i = 0; i < k; i++) {
                LiveTensor other = order[byOffset[i]];
                if (!other.overlaps(t)) {
                    continue;
                }
                long otherOffset = offsets[byOffset[i]];
                if (offset + t.bytes() <= otherOffset) {
                    break; // fits in the gap below it
                }
                offset = Math.max(offset, otherOffset + other.bytes());
            }
            offsets[k] = offset;
            int at = k;
            while (at > 0 && offsets[byOffset[at - 1]] > offset) {
                byOffset[at] = byOffset[at - 1];
                at--;
            }
            byOffset[at] = k;
            placed.add(new ArenaPlan.Placement(t, offset));
            peak = Math.max(peak, offset + t.bytes());
        }
        return new ArenaPlan(placed, peak);
    }
}
