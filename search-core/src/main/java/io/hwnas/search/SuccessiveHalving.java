package io.hwnas.search;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.hwnas.eval.Fidelity;
import io.hwnas.space.SearchSpace;
import io.hwnas.space.Sampling;

import java.util.ArrayList;
import java.util.List;

/**
 * Successive halving over training fidelity, promoting by non-dominated rank so that it works for
 * several objectives at once: rung 0 trains {@code candidates} random points on
 * {@code minTrainSamples} images; each later rung keeps the best 1/eta of the previous one (see
 * {@link HalvingBracket}) and trains them on eta times as many images. The final rung's results are
 * what the fronts are taken over.
 */
public final class SuccessiveHalving implements SearchStrategy {
    public static final String TYPE = "successive-halving";

    /**
     * @param candidates points in rung 0 (0 = as many as the evaluation budget allows)
     * @param eta reduction factor between rungs
     * @param rungs number of fidelity levels
     * @param minTrainSamples training images in rung 0; rung r uses minTrainSamples·eta^r
     * @param epochs epochs at every rung
     */
    public record Settings(String type, int candidates, int eta, int rungs, int minTrainSamples, int epochs)
            implements StrategySettings {
        public Settings {
            if (candidates < 0) {
                throw new IllegalArgumentException("field 'search.strategy.candidates' = " + candidates
                        + " must be >= 0 (0 = fill the budget)");
            }
            if (eta < 2) {
                throw new IllegalArgumentException("field 'search.strategy.eta' = " + eta + " must be >= 2");
            }
            if (rungs < 1 || rungs > 10) {
                throw new IllegalArgumentException("field 'search.strategy.rungs' = " + rungs + " must be in 1..10");
            }
            if (minTrainSamples <= 0) {
                throw new IllegalArgumentException("field 'search.strategy.minTrainSamples' = " + minTrainSamples
                        + " must be > 0");
            }
            if (epochs <= 0) {
                throw new IllegalArgumentException("field 'search.strategy.epochs' = " + epochs + " must be > 0");
            }
        }

        @JsonCreator
        static Settings fromJson(@JsonProperty("candidates") Integer candidates, @JsonProperty("eta") Integer eta,
                                 @JsonProperty("rungs") Integer rungs,
                                 @JsonProperty("minTrainSamples") Integer minTrainSamples,
                                 @JsonProperty("epochs") Integer epochs) {
            return new Settings(TYPE, candidates == null ? 0 : candidates, eta == null ? 3 : eta,
                    rungs == null ? 3 : rungs, minTrainSamples == null ? 250 : minTrainSamples, epochs == null ? 1 : epochs);
        }

        /** Training images at rung {@code r}. */
        public int trainSamples(int r) {
            return Math.toIntExact(minTrainSamples * (long) Math.pow(eta, r));
        }

        /** Points in rung 0: the configured number, or the most whose whole ladder fits the budget. */
        int initial(int evaluations) {
            if (candidates > 0) {
                return candidates;
            }
            int n = 1;
            while (cost(n + 1) <= evaluations) {
                n++;
            }
            return n;
        }

        /** Evaluations a ladder starting with {@code n} points takes. */
        int cost(int n) {
            return Math.toIntExact(HalvingBracket.cost(n, rungs, eta));
        }

        @Override
        public void check(SearchSpace space, SearchGoal goal, int evaluations) {
            if (cost(initial(evaluations)) > evaluations) {
                throw new IllegalArgumentException("strategy 'successive-halving' needs " + cost(initial(evaluations))
                        + " evaluations for " + initial(evaluations) + " candidates over " + rungs
                        + " rungs, but field 'search.evaluations' = " + evaluations);
            }
            trainSamples(rungs - 1); // overflow check
        }

        @Override
        public SearchStrategy create(SearchSpace space, SearchGoal goal, long seed) {
            return new SuccessiveHalving(this, space, goal, seed);
        }
    }

    private final Settings settings;
    private final SearchSpace space;
    private final SearchGoal goal;
    private final long seed;
    private HalvingBracket bracket;

    public SuccessiveHalving(Settings settings, SearchSpace space, SearchGoal goal, long seed) {
        this.settings = settings;
        this.space = space;
        this.goal = goal;
        this.seed = seed;
    }

    @Override
    public List<Proposal> ask(int remaining) {
        if (bracket == null) {
            List<Fidelity> fidelities = new ArrayList<>(settings.rungs());
            for (int r = 0; r < settings.rungs(); r++) {
                fidelities.add(new Fidelity(settings.trainSamples(r), settings.epochs()));
            }
            bracket = new HalvingBracket(Sampling.distinct(space, settings.initial(remaining), seed), fidelities,
                    settings.eta(), goal);
        }
        return bracket.ask(remaining);
    }

    @Override
    public void tell(List<Trial> trials) {
        bracket.tell(trials);
    }
}
