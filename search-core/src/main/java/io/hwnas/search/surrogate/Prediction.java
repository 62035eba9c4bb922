package io.hwnas.search.surrogate;

import java.util.Arrays;

/**
 * What a {@link Regressor}'s ensemble expects at one point: one value per member (a forest's trees).
 * Their mean is the prediction; their disagreement is its uncertainty, and the members themselves are
 * samples of what the value might be (the surrogate strategies' Monte-Carlo expected improvement).
 */
public record Prediction(double[] members) {

    public Prediction {
        if (members == null || members.length == 0) {
            throw new IllegalArgumentException("a prediction needs at least one member");
        }
        members = members.clone();
    }

    public double member(int i) {
        return members[i];
    }

    public int size() {
        return members.length;
    }

    public double mean() {
        return Arrays.stream(members).average().orElseThrow();
    }

    /** The members' standard deviation (two passes, so large values such as MACs keep their spread). */
    public double spread() {
        double mean = mean();
        return Math.sqrt(Arrays.stream(members).map(v -> (v - mean) * (v - mean)).sum() / members.length);
    }

    @Override
    public double[] members() {
        return members.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Prediction p && Arrays.equals(members, p.members);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(members);
    }

    @Override
    public String toString() {
        return "Prediction" + Arrays.toString(members);
    }
}
