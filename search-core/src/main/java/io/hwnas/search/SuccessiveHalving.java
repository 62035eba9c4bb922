package io.hwnas.search;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.hwnas.eval.EvaluationResult;
import io.hwnas.eval.Fidelity;
import io.hwnas.pareto.Objective;
import io.hwnas.space.Choice;
import io.hwnas.space.SearchSpace;
import io.hwnas.space.Sampling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Successive halving over training fidelity, promoting by non-dominated rank so that it works for
 * several objectives at once: rung 0 trains {@code candidates} random points on
 * {@code minTrainSamples} images; each later rung keeps the best 1/eta of the previous one — by
 * Pareto rank under the goal (constraints first, Deb's rule), ties broken by crowding distance
 * (NSGA-II's, so the survivors spread along the front) — and trains them on eta times as many
 * images. The final rung's results are what the fronts are taken over.
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
            int total = 0;
            for (int r = 0, k = n; r < rungs; r++, k = survivors(k)) {
                total += k;
            }
            return total;
        }

        int survivors(int n) {
            return Math.max(1, n / eta);
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
    private List<Choice> rung;
    private int level;

    public SuccessiveHalving(Settings settings, SearchSpace space, SearchGoal goal, long seed) {
        this.settings = settings;
        this.space = space;
        this.goal = goal;
        this.seed = seed;
    }

    @Override
    public List<Proposal> ask(int remaining) {
        if (rung == null) {
            rung = Sampling.distinct(space, settings.initial(remaining), seed);
        }
        if (level >= settings.rungs() || rung.isEmpty()) {
            return List.of();
        }
        Fidelity fidelity = new Fidelity(settings.trainSamples(level), settings.epochs());
        return rung.stream().limit(remaining).map(c -> new Proposal(c, fidelity)).toList();
    }

    @Override
    public void tell(List<Trial> trials) {
        List<EvaluationResult> results = trials.stream().map(Trial::result).toList();
        int[] rank = goal.ranks(results);
        double[] crowding = crowding(results, rank);
        Integer[] order = new Integer[trials.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.<Integer>comparingInt(i -> rank[i]).thenComparing(i -> -crowding[i]));
        int keep = settings.survivors(trials.size());
        List<Choice> next = new ArrayList<>(keep);
        for (int i = 0; i < keep; i++) {
            next.add(trials.get(order[i]).proposal().choice());
        }
        rung = next;
        level++;
    }

    /**
     * NSGA-II's crowding distance within each rank: the normalised side lengths of the box between a
     * point's neighbours along every objective, infinite at a rank's extremes. Infeasible points get 0.
     */
    private double[] crowding(List<EvaluationResult> results, int[] rank) {
        double[] distance = new double[results.size()];
        double[][] values = results.stream().map(goal::values).toArray(double[][]::new);
        List<Objective> objectives = goal.objectives();
        for (int r = 0; r <= Arrays.stream(rank).max().orElse(-1); r++) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < rank.length; i++) {
                if (rank[i] == r && goal.feasible(results.get(i))) {
                    members.add(i);
                }
            }
            for (int k = 0; k < objectives.size(); k++) {
                final int obj = k;
                members.sort(Comparator.comparingDouble(i -> values[i][obj]));
                if (members.isEmpty()) {
                    continue;
                }
                double lo = values[members.get(0)][obj];
                double hi = values[members.get(members.size() - 1)][obj];
                distance[members.get(0)] = Double.POSITIVE_INFINITY;
                distance[members.get(members.size() - 1)] = Double.POSITIVE_INFINITY;
                for (int m = 1; m + 1 < members.size() && hi > lo; m++) {
                    distance[members.get(m)] += (values[members.get(m + 1)][obj] - values[members.get(m - 1)][obj])
                            / (hi - lo);
                }
            }
        }
        return distance;
    }
}
