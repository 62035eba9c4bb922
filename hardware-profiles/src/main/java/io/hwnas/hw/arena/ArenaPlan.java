package io.hwnas.hw.arena;

import java.io.Serializable;
import java.util.List;

/**
 * Where each tensor sits in the arena.
 *
 * @param placements every tensor with its byte offset, in placement order (largest first)
 * @param peakBytes the arena's size: the highest end offset of any tensor
 */
public record ArenaPlan(List<Placement> placements, long peakBytes) implements Serializable {

    /** One tensor at {@code offset} bytes from the arena's start. */
    public record Placement(LiveTensor tensor, long offset) implements Serializable {

        public long end() {
            return offset + tensor.bytes();
        }
    }

    public ArenaPlan {
        placements = List.copyOf(placements);
    }

    /**
     * The most bytes live at any one step: no placement can make the arena smaller, and {@link #peakBytes()} above
     * it is fragmentation.
     */
    public long peakLiveBytes() {
        int last = placements.stream().mapToInt(p -> p.tensor().lastStep()).max().orElse(-1);
        long peak = 0;
        for (int step = 0; step <= last; step++) {
            long live = 0;
            for (Placement p : placements) {
                if (p.tensor().firstStep() <= step && step <= p.tensor().lastStep()) {
                    live += p.tensor().bytes();
                }
            }
            peak = Math.max(peak, live);
        }
        return peak;
    }
}
