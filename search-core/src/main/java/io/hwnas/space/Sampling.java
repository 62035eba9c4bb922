package io.hwnas.space;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/** Seeded choice of distinct points: the whole space when it is small enough, else a uniform sample. */
public final class Sampling {
    private Sampling() {
    }

    /** Up to {@code count} distinct choices; the same seed always gives the same list in the same order. */
    public static List<Choice> distinct(SearchSpace space, int count, long seed) {
        if (count <= 0) {
            throw new IllegalArgumentException("field 'candidates' = " + count + " must be > 0");
        }
        if (space.size().compareTo(BigInteger.valueOf(count)) <= 0) {
            List<Choice> all = new ArrayList<>();
            for (Iterator<Choice> it = space.enumerate(); it.hasNext(); ) {
                all.add(it.next());
            }
            return all;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        Set<Choice> picked = new LinkedHashSet<>();
        // the space is larger than count, so distinct points exist; the cap only guards pathological bias
        long attempts = 0;
        while (picked.size() < count && attempts++ < 1000L * count) {
            Choice c = space.sample(rng);
            if (space.violation(c).isEmpty()) {
                picked.add(c);
            }
        }
        return List.copyOf(picked);
    }
}
