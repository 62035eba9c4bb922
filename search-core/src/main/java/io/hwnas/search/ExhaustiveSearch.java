package io.hwnas.search;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.hwnas.space.Choice;
import io.hwnas.space.SearchSpace;

import java.math.BigInteger;
import java.util.Iterator;
import java.util.List;

/** Every admissible point in enumeration order, for spaces small enough to evaluate whole. */
public final class ExhaustiveSearch implements SearchStrategy {
    public static final String TYPE = "exhaustive";

    public record Settings(String type, int batchSize) implements StrategySettings {
        public Settings {
            Batches.requireBatchSize(batchSize);
        }

        @JsonCreator
        static Settings fromJson(@JsonProperty("batchSize") Integer batchSize) {
            return new Settings(TYPE, batchSize == null ? 0 : batchSize);
        }

        @Override
        public void check(SearchSpace space, SearchGoal goal, int evaluations) {
            if (space.size().compareTo(BigInteger.valueOf(evaluations)) > 0) {
                throw new IllegalArgumentException("strategy 'exhaustive' needs the whole space: it has " + space.size()
                        + " points but field 'search.evaluations' = " + evaluations
                        + "; raise the budget or use 'random' or 'nsga2'");
            }
        }

        @Override
        public SearchStrategy create(SearchSpace space, SearchGoal goal, long seed) {
            return new ExhaustiveSearch(space, batchSize);
        }
    }

    private final Iterator<Choice> points;
    private final int batchSize;

    public ExhaustiveSearch(SearchSpace space, int batchSize) {
        this.points = space.enumerate();
        this.batchSize = batchSize;
    }

    @Override
    public List<Proposal> ask(int remaining) {
        return Batches.next(points, batchSize, remaining);
    }

    @Override
    public void tell(List<Trial> trials) {
        // the order is fixed in advance
    }
}
