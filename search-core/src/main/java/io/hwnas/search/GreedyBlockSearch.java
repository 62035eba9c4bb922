package io.hwnas.search;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.hwnas.pareto.Direction;
import io.hwnas.pareto.Objective;
import io.hwnas.space.Choice;
import io.hwnas.space.SearchSpace;

import java.util.ArrayList;
import java.util.List;

/**
 * RAN-e's semi-automatic procedure made automatic: from the space's baseline, walk the dimensions
 * (blocks) in order; at each, evaluate every alternative with the earlier decisions fixed, and keep
 * the one that is best on the cost objective among those whose quality stays within
 * {@code tolerance} of the baseline's (the whole walk may lose at most that much). Keeping the
 * current option is always allowed, so quality never drops beyond the tolerance.
 *
 * <p>The goal's first objective is the quality (e.g. accuracy), its second the cost (e.g. FPS on
 * the target NPU).
 */
public final class GreedyBlockSearch implements SearchStrategy {
    public static final String TYPE = "greedy";

    /** @param tolerance largest total loss of the quality objective, in its own units (0.01 = one point of accuracy) */
    public record Settings(String type, double tolerance) implements StrategySettings {
        public Settings {
            if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
                throw new IllegalArgumentException("field 'search.strategy.tolerance' = " + tolerance
                        + " must be a finite number >= 0");
            }
        }

        @JsonCreator
        static Settings fromJson(@JsonProperty("tolerance") Double tolerance) {
            return new Settings(TYPE, tolerance == null ? 0.01 : tolerance);
        }

        @Override
        public void check(SearchSpace space, SearchGoal goal, int evaluations) {
            if (goal.objectives().size() != 2) {
                throw new IllegalArgumentException("strategy 'greedy' needs exactly 2 objectives (quality, cost), got "
                        + goal.objectives().stream().map(Objective::name).toList());
            }
        }

        @Override
        public SearchStrategy create(SearchSpace space, SearchGoal goal, long seed) {
            return new GreedyBlockSearch(space, goal, tolerance);
        }
    }

    private final SearchSpace space;
    private final SearchGoal goal;
    private final double tolerance;
    private Choice current;
    private Trial currentTrial;
    private double floor;
    private int dimension = -1;

    public GreedyBlockSearch(SearchSpace space, SearchGoal goal, double tolerance) {
        this.space = space;
        this.goal = goal;
        this.tolerance = tolerance;
        this.current = space.validate(space.baseline());
    }

    @Override
    public List<Proposal> ask(int remaining) {
        if (dimension < 0) {
            return List.of(Proposal.of(current));
        }
        List<Proposal> batch = new ArrayList<>();
        for (; dimension < space.dimensions().size() && batch.isEmpty(); dimension++) {
            for (int o = 0; o < space.dimensions().get(dimension).size() && batch.size() < remaining; o++) {
                Choice moved = current.with(dimension, o);
                if (o != current.gene(dimension) && space.violation(moved).isEmpty()) {
                    batch.add(Proposal.of(moved));
                }
            }
        }
        return batch;
    }

    @Override
    public void tell(List<Trial> trials) {
        if (dimension < 0) {
            currentTrial = trials.get(0);
            if (!goal.feasible(currentTrial.result())) {
                throw new IllegalStateException("greedy search needs a feasible baseline, but " + current + " is not ("
                        + (currentTrial.result().ok() ? "outside the constraints" : currentTrial.result().error()) + ")");
            }
            floor = quality(currentTrial) - sign() * tolerance;
            dimension = 0;
            return;
        }
        for (Trial t : trials) {
            if (goal.feasible(t.result()) && sign() * (quality(t) - floor) >= 0 && betterCost(t, currentTrial)) {
                currentTrial = t;
                current = t.proposal().choice();
            }
        }
    }

    /** The walk's answer so far: the baseline with every kept replacement. */
    public Choice chosen() {
        return current;
    }

    private double quality(Trial t) {
        return goal.values(t.result())[0];
    }

    /** +1 when the quality objective is maximised, -1 when minimised. */
    private double sign() {
        return goal.objectives().get(0).direction() == Direction.MAXIMIZE ? 1 : -1;
    }

    private boolean betterCost(Trial a, Trial b) {
        Direction d = goal.objectives().get(1).direction();
        return d.minimizing(goal.values(a.result())[1]) < d.minimizing(goal.values(b.result())[1]);
    }
}
