package io.hwnas.search;

import io.hwnas.space.Choice;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Hands out a sequence fixed in advance in batches: what random and exhaustive search share. */
final class Batches {
    private Batches() {
    }

    /** @param batchSize the configured size, 0 meaning the whole remaining budget in one batch */
    static int requireBatchSize(int batchSize) {
        if (batchSize < 0) {
            throw new IllegalArgumentException("field 'search.strategy.batchSize' = " + batchSize
                    + " must be >= 0 (0 = one batch)");
        }
        return batchSize;
    }

    /** The next batch: up to {@code batchSize} (0 = no limit) of the points left, never more than {@code remaining}. */
    static List<Proposal> next(Iterator<Choice> points, int batchSize, int remaining) {
        int size = batchSize == 0 ? remaining : Math.min(batchSize, remaining);
        List<Proposal> batch = new ArrayList<>();
        while (points.hasNext() && batch.size() < size) {
            batch.add(Proposal.of(points.next()));
        }
        return batch;
    }
}
