package io.hwnas.data;

import java.util.SplittableRandom;

/**
 * The one seeded shuffle (Fisher–Yates, from the back) behind every data order: training epochs, distillation
 * batches and final training's sample order, so the same seed visits the same samples in the same order wherever
 * it is used.
 */
public final class Permutations {

    private Permutations() {
    }

    /** 0 … n−1 in an order drawn from {@code rng}. */
    public static int[] of(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        return shuffle(p, rng);
    }

    /** Shuffles {@code values} in place and returns it. */
    public static int[] shuffle(int[] values, SplittableRandom rng) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
        return values;
    }
}
