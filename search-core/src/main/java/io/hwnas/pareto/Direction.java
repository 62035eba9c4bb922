package io.hwnas.pareto;

/** Whether larger or smaller values of an {@link Objective} are better. */
public enum Direction {
    MAXIMIZE,
    MINIMIZE;

    /**
     * The value in a space where smaller is always better, so dominance and sweeps need only one
     * comparison rule. Negation is exact for doubles, and adding {@code 0.0} folds {@code -0.0} into
     * {@code 0.0} so that sorting with {@link Double#compare} agrees with {@code ==} on ties.
     */
    public double minimizing(double value) {
        return (this == MINIMIZE ? value : -value) + 0.0;
    }
}
