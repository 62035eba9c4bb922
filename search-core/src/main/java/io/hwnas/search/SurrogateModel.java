package io.hwnas.search;

import io.hwnas.search.surrogate.Regressor;
import io.hwnas.search.surrogate.Regressors;

/**
 * How a surrogate strategy models and queries the objectives ({@code search.strategy} fields shared by
 * {@code surrogate} and {@code bohb}).
 *
 * @param model the {@link Regressor} type ({@code forest}: Spark MLlib's random forest, from spark-jobs)
 * @param trees ensemble members: the Monte-Carlo samples of each prediction
 * @param pool unevaluated candidates scored per round (sampled, and mutated from the current front)
 * @param randomFraction share of each batch drawn uniformly instead of by the model, as SMAC interleaves
 *     random configurations and BOHB draws a third at random: a forest's spread underrates what it has
 *     never seen, and random points keep every region in its training data
 */
public record SurrogateModel(String model, int trees, int pool, double randomFraction) {
    public static final String DEFAULT_MODEL = "forest";

    public SurrogateModel {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("field 'search.strategy.model' = '" + model
                    + "' must be a regressor type such as '" + DEFAULT_MODEL + "'");
        }
        if (trees < 2 || trees > 1000) {
            throw new IllegalArgumentException("field 'search.strategy.trees' = " + trees
                    + " must be an integer in 2..1000 (the model's ensemble members)");
        }
        if (pool < 1 || pool > 1_000_000) {
            throw new IllegalArgumentException("field 'search.strategy.pool' = " + pool
                    + " must be an integer in 1..1000000");
        }
        if (!(randomFraction >= 0 && randomFraction <= 1)) {
            throw new IllegalArgumentException("field 'search.strategy.randomFraction' = " + randomFraction
                    + " must be a number in 0..1");
        }
    }

    static SurrogateModel of(String model, Integer trees, Integer pool, Double randomFraction,
                             double defaultRandomFraction) {
        return new SurrogateModel(model == null ? DEFAULT_MODEL : model, trees == null ? 32 : trees,
                pool == null ? 1000 : pool, randomFraction == null ? defaultRandomFraction : randomFraction);
    }

    /** The registered regressor, or the one-line error saying none of that type is on the class path. */
    Regressor regressor() {
        return Regressors.find(model).orElseThrow(() -> new IllegalArgumentException(
                "field 'search.strategy.model' = '" + model + "' must be one of the regressors on the class path "
                + Regressors.types()
                + " (spark-jobs registers '" + DEFAULT_MODEL + "', Spark MLlib's random forest)"));
    }
}
