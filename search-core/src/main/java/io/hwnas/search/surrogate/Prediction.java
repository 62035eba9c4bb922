package io.hwnas.search.surrogate;

/**
 * What a {@link Regressor} expects at one point.
 *
 * @param mean the expected value
 * @param spread its uncertainty, a standard deviation (the spread of a forest's trees), never negative
 */
public record Prediction(double mean, double spread) {

    public Prediction {
        if (!(spread >= 0)) {
            throw new IllegalArgumentException("a prediction's spread must be >= 0, got " + spread);
        }
    }
}
