package io.hwnas.search;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.hwnas.eval.EvaluationResult;
import io.hwnas.pareto.Objective;
import io.hwnas.pareto.ParetoFront;
import io.hwnas.space.Choice;
import io.hwnas.space.SearchSpace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ActNAS: change one layer at a time from a baseline (e.g. all SiLU), rank the single changes by
 * the goal's objectives (typically a training-free proxy and a device cost), then combine them.
 *
 * <p>Round 0 evaluates the baseline and every single change. ActNAS' premise is that a layer's
 * activation affects cost and quality nearly independently of the others, so each later round
 * predicts a combination's objectives by adding the measured single-change effects to a front
 * member, and evaluates the {@code batchSize} unevaluated one-more-change moves from the current
 * front whose predictions rank best (non-dominated rank of the predictions, then proposal order).
 * It stops when every such move has been evaluated or the budget is spent.
 */
public final class ActNasSearch implements SearchStrategy {
    public static final String TYPE = "actnas";

    /** @param batchSize moves evaluated per round after the first */
    public record Settings(String type, int batchSize) implements StrategySettings {
        public Settings {
            if (batchSize <= 0) {
                throw new IllegalArgumentException("field 'search.strategy.batchSize' = " + batchSize + " must be > 0");
            }
        }

        @JsonCreator
        static Settings fromJson(@JsonProperty("batchSize") Integer batchSize) {
            return new Settings(TYPE, batchSize == null ? 8 : batchSize);
        }

        @Override
        public SearchStrategy create(SearchSpace space, SearchGoal goal, long seed) {
            return new ActNasSearch(space, goal, batchSize);
        }
    }

    private final SearchSpace space;
    private final SearchGoal goal;
    private final int batchSize;
    private final Choice baseline;
    /** Everything told so far, by point. */
    private final Map<Choice, Trial> seen = new LinkedHashMap<>();
    /** The point each told result belongs to, since fronts are taken over results. */
    private final Map<Integer, Choice> choiceOf = new HashMap<>();
    /** (dimension, option) → change in each objective value from the baseline, in the objectives' own units. */
    private final Map<List<Integer>, double[]> effects = new HashMap<>();
    private boolean started;

    public ActNasSearch(SearchSpace space, SearchGoal goal, int batchSize) {
        this.space = space;
        this.goal = goal;
        this.batchSize = batchSize;
        this.baseline = space.validate(space.baseline());
    }

    @Override
    public List<Proposal> ask(int remaining) {
        if (!started) {
            started = true;
            List<Proposal> round = new ArrayList<>();
            round.add(Proposal.of(baseline));
            space.neighbours(baseline).forEach(c -> round.add(Proposal.of(c)));
            return round.subList(0, Math.min(round.size(), remaining));
        }
        Trial base = seen.get(baseline);
        if (base == null || !goal.feasible(base.result())) {
            return List.of(); // without a measured baseline there are no effects to combine
        }
        List<Choice> moves = new ArrayList<>();
        List<double[]> predicted = new ArrayList<>();
        Set<Choice> queued = new HashSet<>();
        for (EvaluationResult member : goal.front(seen.values().stream().map(Trial::result).toList())) {
            Choice from = choiceOf.get(member.candidateId());
            double[] at = goal.values(member);
            for (Choice to : space.neighbours(from)) {
                int d = changedDimension(from, to);
                double[] gain = effects.get(List.of(d, to.gene(d)));
                if (seen.containsKey(to) || !queued.add(to) || gain == null) {
                    continue;
                }
                double[] loss = from.gene(d) == baseline.gene(d) ? new double[at.length] : effects.get(List.of(d, from.gene(d)));
                if (loss == null) {
                    continue;
                }
                double[] p = new double[at.length];
                for (int k = 0; k < p.length; k++) {
                    p[k] = at[k] + gain[k] - loss[k];
                }
                moves.add(to);
                predicted.add(p);
            }
        }
        List<Proposal> batch = new ArrayList<>();
        for (int i : byPredictedRank(predicted)) {
            if (batch.size() == Math.min(batchSize, remaining)) {
                break;
            }
            batch.add(Proposal.of(moves.get(i)));
        }
        return batch;
    }

    @Override
    public void tell(List<Trial> trials) {
        for (Trial t : trials) {
            seen.put(t.proposal().choice(), t);
            choiceOf.put(t.result().candidateId(), t.proposal().choice());
        }
        Trial base = seen.get(baseline);
        if (base == null || !goal.feasible(base.result())) {
            return;
        }
        double[] b = goal.values(base.result());
        for (Trial t : trials) {
            Choice c = t.proposal().choice();
            int d = changedDimension(baseline, c);
            if (d >= 0 && goal.feasible(t.result())) {
                double[] v = goal.values(t.result());
                double[] e = new double[v.length];
                for (int k = 0; k < v.length; k++) {
                    e[k] = v[k] - b[k];
                }
                effects.put(List.of(d, c.gene(d)), e);
            }
        }
    }

    /** The one dimension where {@code a} and {@code b} differ, or -1 when they differ in none or several. */
    private static int changedDimension(Choice a, Choice b) {
        int changed = -1;
        for (int i = 0; i < a.genes().size(); i++) {
            if (a.gene(i) != b.gene(i)) {
                if (changed >= 0) {
                    return -1;
                }
                changed = i;
            }
        }
        return changed;
    }

    /** Indices ordered by non-dominated rank of their predicted objectives, stable within a rank. */
    private List<Integer> byPredictedRank(List<double[]> predicted) {
        List<Objective> objectives = goal.objectives();
        List<Integer> order = new ArrayList<>();
        List<Integer> remaining = new ArrayList<>();
        for (int i = 0; i < predicted.size(); i++) {
            remaining.add(i);
        }
        while (!remaining.isEmpty()) {
            int[] front = ParetoFront.nonDominated(remaining.stream().map(predicted::get).toList(), objectives);
            List<Integer> next = new ArrayList<>(remaining);
            for (int f : front) {
                order.add(remaining.get(f));
            }
            for (int f = front.length - 1; f >= 0; f--) {
                next.remove(front[f]);
            }
            remaining = next;
        }
        return order;
    }
}
