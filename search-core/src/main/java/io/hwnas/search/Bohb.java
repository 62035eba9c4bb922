package io.hwnas.search;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.hwnas.eval.EvaluationResult;
import io.hwnas.eval.Fidelity;
import io.hwnas.space.Choice;
import io.hwnas.space.Sampling;
import io.hwnas.space.SearchSpace;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * BOHB (Falkner et al., ICML 2018), multi-objective: {@link Hyperband}'s brackets, but each bracket's
 * first rung is picked by the surrogate ({@link SurrogateProposer}) fitted on the results of the
 * highest fidelity that has enough of them (more than there are dimensions), all but a
 * {@code randomFraction} of it, which is drawn at random; until some fidelity has enough results,
 * first rungs are random points as in Hyperband. The model's picks are new at that fidelity. Halving within a bracket is unchanged
 * ({@link HalvingBracket}).
 */
public final class Bohb implements SearchStrategy {
    public static final String TYPE = "bohb";

    /**
     * @param eta, minTrainSamples, maxTrainSamples, epochs the brackets, as {@link Hyperband.Settings}
     * @param randomFraction, model, trees, pool see {@link SurrogateModel}; BOHB draws a third of each first rung at
     *     random
     */
    public record Settings(String type, int eta, int minTrainSamples, int maxTrainSamples, int epochs,
                           double randomFraction, String model, int trees, int pool)
            implements StrategySettings {
        public Settings {
            hyperband(eta, minTrainSamples, maxTrainSamples, epochs);
            new SurrogateModel(model, trees, pool, randomFraction);
        }

        @JsonCreator
        static Settings fromJson(@JsonProperty("eta") Integer eta,
                                 @JsonProperty("minTrainSamples") Integer minTrainSamples,
                                 @JsonProperty("maxTrainSamples") Integer maxTrainSamples,
                                 @JsonProperty("epochs") Integer epochs,
                                 @JsonProperty("randomFraction") Double randomFraction,
                                 @JsonProperty("model") String model, @JsonProperty("trees") Integer trees,
                                 @JsonProperty("pool") Integer pool) {
            Hyperband.Settings h = Hyperband.Settings.fromJson(eta, minTrainSamples, maxTrainSamples, epochs);
            SurrogateModel m = SurrogateModel.of(model, trees, pool, randomFraction, 1.0 / 3);
            return new Settings(TYPE, h.eta(), h.minTrainSamples(), h.maxTrainSamples(), h.epochs(),
                    m.randomFraction(), m.model(), m.trees(), m.pool());
        }

        private static Hyperband.Settings hyperband(int eta, int minTrainSamples, int maxTrainSamples, int epochs) {
            return new Hyperband.Settings(TYPE, eta, minTrainSamples, maxTrainSamples, epochs);
        }

        Hyperband.Settings brackets() {
            return hyperband(eta, minTrainSamples, maxTrainSamples, epochs);
        }

        SurrogateModel surrogate() {
            return new SurrogateModel(model, trees, pool, randomFraction);
        }

        @Override
        public void check(SearchSpace space, SearchGoal goal, int evaluations) {
            brackets().check(space, goal, evaluations);
            surrogate().regressor();
        }

        @Override
        public SearchStrategy create(SearchSpace space, SearchGoal goal, long seed) {
            return new Bohb(space, goal, seed, this);
        }
    }

    private final SearchSpace space;
    private final Settings settings;
    private final SurrogateProposer proposer;
    private final Hyperband hyperband;
    /** Results per fidelity, lowest first, each in the order told. */
    private final Map<Fidelity, Map<Choice, EvaluationResult>> byFidelity =
            new TreeMap<>(Comparator.comparingLong(Fidelity::samplesSeen).thenComparingInt(Fidelity::epochs));

    public Bohb(SearchSpace space, SearchGoal goal, long seed, Settings settings) {
        this.space = space;
        this.settings = settings;
        this.proposer = new SurrogateProposer(space, goal, settings.surrogate());
        this.hyperband = new Hyperband(settings.brackets(), this::firstRung, goal, seed);
    }

    @Override
    public List<Proposal> ask(int remaining) {
        return hyperband.ask(remaining);
    }

    @Override
    public void tell(List<Trial> trials) {
        for (Trial t : trials) {
            byFidelity.computeIfAbsent(t.proposal().fidelity(), f -> new LinkedHashMap<>())
                    .put(t.proposal().choice(), t.result());
        }
        hyperband.tell(trials);
    }

    /** The model's picks (and a random share) once some fidelity has enough results; random points until then. */
    private List<Choice> firstRung(int count, long seed) {
        return modelled().map(results -> proposer.propose(results, count, seed))
                .orElseGet(() -> Sampling.distinct(space, count, seed));
    }

    /** The results of the highest fidelity with more of them than the space has dimensions. */
    private Optional<Map<Choice, EvaluationResult>> modelled() {
        Map<Choice, EvaluationResult> best = null;
        for (Map<Choice, EvaluationResult> results : byFidelity.values()) {
            if (results.values().stream().filter(EvaluationResult::ok).count() > space.dimensions().size()) {
                best = results;
            }
        }
        return Optional.ofNullable(best);
    }
}
