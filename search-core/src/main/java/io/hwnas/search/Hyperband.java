package io.hwnas.search;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.hwnas.eval.Fidelity;
import io.hwnas.space.Choice;
import io.hwnas.space.Sampling;
import io.hwnas.space.SearchSpace;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Hyperband (Li et al., JMLR 2018): successive-halving brackets that trade many cheap trainings
 * against few full ones. With R = maxTrainSamples / minTrainSamples and s_max = ⌊log_eta R⌋, bracket
 * s (run in the order s_max..0) starts n = ⌈(s_max+1)·eta^s / (s+1)⌉ fresh random points on
 * maxTrainSamples·eta^-s images and halves them (see {@link HalvingBracket}) up to maxTrainSamples.
 * Whole brackets run while the next one fits the evaluation budget, starting over at s_max after
 * bracket 0; every bracket ends at full fidelity, which is what the fronts are taken over.
 */
public final class Hyperband implements SearchStrategy {
    public static final String TYPE = "hyperband";

    /**
     * @param eta reduction factor between rungs
     * @param minTrainSamples the fewest training images any rung uses
     * @param maxTrainSamples training images in every bracket's last rung
     * @param epochs epochs at every rung
     */
    public record Settings(String type, int eta, int minTrainSamples, int maxTrainSamples, int epochs)
            implements StrategySettings {
        public Settings {
            if (eta < 2) {
                throw new IllegalArgumentException("field 'search.strategy.eta' = " + eta + " must be >= 2");
            }
            if (minTrainSamples <= 0) {
                throw new IllegalArgumentException("field 'search.strategy.minTrainSamples' = " + minTrainSamples
                        + " must be > 0");
            }
            if (maxTrainSamples < (long) minTrainSamples * eta) {
                throw new IllegalArgumentException("field 'search.strategy.maxTrainSamples' = " + maxTrainSamples
                        + " must be >= minTrainSamples·eta = " + (long) minTrainSamples * eta
                        + " (at least one halving)");
            }
            if (epochs <= 0) {
                throw new IllegalArgumentException("field 'search.strategy.epochs' = " + epochs + " must be > 0");
            }
        }

        @JsonCreator
        static Settings fromJson(@JsonProperty("eta") Integer eta,
                                 @JsonProperty("minTrainSamples") Integer minTrainSamples,
                                 @JsonProperty("maxTrainSamples") Integer maxTrainSamples,
                                 @JsonProperty("epochs") Integer epochs) {
            return new Settings(TYPE, eta == null ? 3 : eta, minTrainSamples == null ? 250 : minTrainSamples,
                    maxTrainSamples == null ? 2250 : maxTrainSamples, epochs == null ? 1 : epochs);
        }

        /** s_max: the most halvings that stay at or above minTrainSamples. */
        public int maxBracket() {
            int s = 0;
            for (long r = (long) minTrainSamples * eta; r <= maxTrainSamples; r *= eta) {
                s++;
            }
            return s;
        }

        /** Fresh points bracket {@code s} starts with. */
        public long bracketSize(int s) {
            long numerator = (maxBracket() + 1) * power(s);
            return (numerator + s) / (s + 1);
        }

        /** Training images in rung {@code i} of bracket {@code s}. */
        public int trainSamples(int s, int i) {
            return Math.toIntExact(maxTrainSamples / power(s - i));
        }

        /** Evaluations bracket {@code s} takes. */
        public long bracketCost(int s) {
            return HalvingBracket.cost(bracketSize(s), s + 1, eta);
        }

        private long power(int k) {
            long p = 1;
            for (int i = 0; i < k; i++) {
                p *= eta;
            }
            return p;
        }

        @Override
        public void check(SearchSpace space, SearchGoal goal, int evaluations) {
            int s = maxBracket();
            if (bracketCost(s) > evaluations) {
                throw new IllegalArgumentException("strategy '" + type + "' needs " + bracketCost(s)
                        + " evaluations for its first bracket (" + bracketSize(s) + " candidates over " + (s + 1)
                        + " rungs), but field 'search.evaluations' = " + evaluations);
            }
        }

        @Override
        public SearchStrategy create(SearchSpace space, SearchGoal goal, long seed) {
            return new Hyperband(this, space, goal, seed);
        }
    }

    /** Where a bracket's first rung comes from: fresh random points here, a model's picks in {@link Bohb}. */
    interface FirstRung {
        List<Choice> draw(int count, long seed);
    }

    private final Settings settings;
    private final FirstRung firstRung;
    private final SearchGoal goal;
    /** One sampling seed per bracket, drawn in bracket order, so the points depend on the seed alone. */
    private final SplittableRandom bracketSeeds;
    private int next;
    private HalvingBracket bracket;

    public Hyperband(Settings settings, SearchSpace space, SearchGoal goal, long seed) {
        this(settings, (count, s) -> Sampling.distinct(space, count, s), goal, seed);
    }

    Hyperband(Settings settings, FirstRung firstRung, SearchGoal goal, long seed) {
        this.settings = settings;
        this.firstRung = firstRung;
        this.goal = goal;
        this.bracketSeeds = new SplittableRandom(seed);
        this.next = settings.maxBracket();
    }

    @Override
    public List<Proposal> ask(int remaining) {
        if (bracket == null || bracket.done()) {
            // a bracket cut short ends below full fidelity and adds nothing to the front: start only whole ones
            if (settings.bracketCost(next) > remaining) {
                return List.of();
            }
            bracket = start(next);
            next = next == 0 ? settings.maxBracket() : next - 1;
        }
        return bracket.ask(remaining);
    }

    private HalvingBracket start(int s) {
        List<Fidelity> fidelities = new ArrayList<>(s + 1);
        for (int i = 0; i <= s; i++) {
            fidelities.add(new Fidelity(settings.trainSamples(s, i), settings.epochs()));
        }
        int size = Math.toIntExact(settings.bracketSize(s));
        return new HalvingBracket(firstRung.draw(size, bracketSeeds.nextLong()), fidelities,
                settings.eta(), goal);
    }

    @Override
    public void tell(List<Trial> trials) {
        bracket.tell(trials);
    }
}
