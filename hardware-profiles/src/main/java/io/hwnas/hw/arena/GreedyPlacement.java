package io.hwnas.hw.arena;

import java.util.ArrayList;
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
        List<LiveTensor> order = new ArrayList<>(tensors);
        order.sort(ORDER); // stable: equal tensors keep their given order
        List<ArenaPlan.Placement> placed = new ArrayList<>(order.size());
        long peak = 0;
        for (LiveTensor t : order) {
            List<ArenaPlan.Placement> conflicts = new ArrayList<>();
            for (ArenaPlan.Placement p : placed) {
                if (p.tensor().overlaps(t)) {
                    conflicts.add(p);
                }
            }
            conflicts.sort(Comparator.comparingLong(ArenaPlan.Placement::offset));
            long offset = 0;
            for (ArenaPlan.Placement c : conflicts) {
                if (offset + t.bytes() <= c.offset()) {
                    break; // fits in the gap below c
                }
                offset = Math.max(offset, c.end());
            }
            ArenaPlan.Placement p = new ArenaPlan.Placement(t, offset);
            placed.add(p);
            peak = Math.max(peak, p.end());
        }
        return new ArenaPlan(placed, peak);
    }
}
