package io.hwnas.search;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.hwnas.eval.EvaluationResult;
import io.hwnas.space.Choice;
import io.hwnas.space.Sampling;
import io.hwnas.space.SearchSpace;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Surrogate-assisted search: a seeded random initial design, then rounds in which a model of each
 * objective that cannot be computed exactly, fitted on everything evaluated so far, picks the batch
 * with the largest expected hypervolume improvement (see {@link SurrogateProposer}). The model is a
 * {@link io.hwnas.search.surrogate.Regressor}, Spark MLlib's random forest by default.
 *
 * <p>Deterministic per seed: the initial design is the one random search draws first, every round's
 * pool and model seeds come from one generator seeded once, and the model itself is deterministic per
 * seed (MLlib's is fitted on one partition).
 *
 * <p>Noise: where results carry a standard error ({@code accuracy_se}), the model is told it and the expected
 * improvement allows for it (see {@link SurrogateProposer}).
 */
public final class SurrogateSearch implements SearchStrategy {
    public static final String TYPE = "surrogate";
    static final double DEFAULT_RANDOM_FRACTION = 0.2;

    /**
     * @param initial random points evaluated before the first model is fitted
     * @param batchSize points proposed per round (one model fit per learned objective per round)
     * @param model, trees, pool, randomFraction see {@link SurrogateModel}
     */
    public record Settings(String type, int initial, int batchSize, String model, int trees, int pool,
                           double randomFraction)
            implements StrategySettings {
        public Settings {
            if (initial < 2) {
                throw new IllegalArgumentException("field 'search.strategy.initial' = " + initial
                        + " must be >= 2 (a model needs at least two points)");
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("field 'search.strategy.batchSize' = " + batchSize + " must be >= 1");
            }
            new SurrogateModel(model, trees, pool, randomFraction);
        }

        @JsonCreator
        static Settings fromJson(@JsonProperty("initial") Integer initial, @JsonProperty("batchSize") Integer batchSize,
                                 @JsonProperty("model") String model, @JsonProperty("trees") Integer trees,
                                 @JsonProperty("pool") Integer pool,
                                 @JsonProperty("randomFraction") Double randomFraction) {
            SurrogateModel m = SurrogateModel.of(model, trees, pool, randomFraction, DEFAULT_RANDOM_FRACTION);
            return new Settings(TYPE, initial == null ? 20 : initial, batchSize == null ? 10 : batchSize, m.model(),
                    m.trees(), m.pool(), m.randomFraction());
        }

        SurrogateModel surrogate() {
            return new SurrogateModel(model, trees, pool, randomFraction);
        }

        @Override
        public void check(SearchSpace space, SearchGoal goal, int evaluations) {
            if (initial > evaluations) {
                throw new IllegalArgumentException("field 'search.strategy.initial' = " + initial
                        + " must be at most field 'search.evaluations' = " + evaluations);
            }
            if (space.dimensions().isEmpty()) {
                throw new IllegalArgumentException("strategy '" + TYPE + "' needs a space with at least one dimension");
            }
            surrogate().regressor();
        }

        @Override
        public SearchStrategy create(SearchSpace space, SearchGoal goal, long seed) {
            return new SurrogateSearch(space, goal, seed, this);
        }
    }

    private final SearchSpace space;
    private final Settings settings;
    private final long seed;
    private final SurrogateProposer proposer;
    /** Round seeds, drawn in round order. */
    private final SplittableRandom rounds;
    private final Map<Choice, EvaluationResult> observed = new LinkedHashMap<>();
    private boolean started;

    public SurrogateSearch(SearchSpace space, SearchGoal goal, long seed, Settings settings) {
        this.space = space;
        this.settings = settings;
        this.seed = seed;
        this.proposer = new SurrogateProposer(space, goal, settings.surrogate());
        this.rounds = new SplittableRandom(seed);
    }

    @Override
    public List<Proposal> ask(int remaining) {
        if (remaining <= 0) {
            return List.of();
        }
        List<Choice> next;
        if (!started) {
            started = true;
            // the points random search draws first with this seed
            next = Sampling.distinct(space, Math.min(settings.initial(), remaining), seed);
        } else {
            next = proposer.propose(observed, Math.min(settings.batchSize(), remaining), rounds.nextLong());
        }
        return next.stream().map(Proposal::of).toList();
    }

    @Override
    public void tell(List<Trial> trials) {
        for (Trial t : trials) {
            observed.put(t.proposal().choice(), t.result());
        }
    }
}
