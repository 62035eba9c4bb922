package io.hwnas.spark.finaltrain;

import io.hwnas.data.Permutations;
import io.hwnas.space.Seeds;

import java.io.Serializable;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Which images of a file are used and in what order, computed from seeds alone so the driver ships
 * a few numbers and every executor derives the same minibatches. The selection is a seeded draw
 * (all images when {@code samples == available}); a shuffled order permutes it anew per epoch.
 *
 * @param available images in the file
 * @param samples images used, 1..available
 * @param selectionSeed seed of the draw: the same for every candidate, so all train on the same images
 * @param shuffleSeed seed of the per-epoch order (the candidate's), or null to keep file order (evaluation)
 */
public record SampleOrder(int available, int samples, long selectionSeed, Long shuffleSeed) implements Serializable {

    public SampleOrder {
        if (samples < 1 || samples > available) {
            throw new IllegalArgumentException("samples = " + samples + " must be in 1.." + available);
        }
    }

    /** The selected image indices, ascending. */
    public int[] selection() {
        if (samples == available) {
            return range(available);
        }
        int[] pool = range(available);
        SplittableRandom rng = new SplittableRandom(selectionSeed);
        // a partial Fisher-Yates shuffle: the first `samples` entries are a uniform draw
        for (int i = 0; i < samples; i++) {
            int j = rng.nextInt(i, available);
            int t = pool[i];
            pool[i] = pool[j];
            pool[j] = t;
        }
        int[] drawn = Arrays.copyOf(pool, samples);
        Arrays.sort(drawn);
        return drawn;
    }

    /** The selection in the order epoch {@code epoch} visits it. */
    public int[] epoch(int epoch) {
        int[] order = selection();
        if (shuffleSeed == null) {
            return order;
        }
        return Permutations.shuffle(order, new SplittableRandom(Seeds.derive(shuffleSeed, epoch, 0)));
    }

    /** Minibatches of {@code batchSize} per epoch; the last one may be smaller. */
    public int batches(int batchSize) {
        return (samples + batchSize - 1) / batchSize;
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        Arrays.setAll(r, i -> i);
        return r;
    }
}
