package io.hwnas.space;

/**
 * Per-candidate seeds derived from (run seed, generation, candidate id) alone, so a candidate gets
 * the same initial weights and data order on any cluster layout, partitioning or retry.
 */
public final class Seeds {
    private Seeds() {
    }

    public static long derive(long runSeed, int generation, int candidateId) {
        return mix(mix(mix(runSeed) ^ generation) ^ candidateId);
    }

    /**
     * The seed of a candidate's {@code repeat}-th training (training.repeats): repeat 0 is the candidate's own
     * seed, so a single training is what it always was.
     */
    public static long repeat(long candidateSeed, int repeat) {
        return repeat == 0 ? candidateSeed : mix(mix(candidateSeed) ^ repeat);
    }

    /** The SplitMix64 finaliser (Steele, Lea, Flood: "Fast splittable pseudorandom number generators", 2014). */
    static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
