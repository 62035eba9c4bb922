package io.hwnas.search.surrogate;

/**
 * A regression learner whose predictions carry their own uncertainty: the seam between the
 * surrogate strategies (search-core, which never imports Spark) and a model library. Implementations
 * register with {@code @AutoService(Regressor.class)} and are found by {@link Regressors}; spark-jobs
 * provides {@code forest}, Spark MLlib's random forest.
 */
public interface Regressor {

    /** The name configs give as {@code search.strategy.model}. */
    String type();

    /**
     * A model of {@code targets} from {@code features} (one row each, all rows of one width), the same
     * for the same inputs and seed wherever it runs.
     *
     * @param noise each target's known measurement variance (its standard error squared; 0 where the
     *     target is exact or its error unknown): the part of the targets a model should not try to explain
     * @param trees ensemble members, one per member of each {@link Prediction}
     */
    Fitted fit(double[][] features, double[] targets, double[] noise, int trees, long seed);

    /** A fitted model: cheap to query, row by row, on the calling thread. */
    interface Fitted {
        Prediction predict(double[] features);
    }
}
