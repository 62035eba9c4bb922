package io.hwnas.search;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.hwnas.space.Choice;
import io.hwnas.space.SearchSpace;
import io.hwnas.space.Sampling;

import java.util.Iterator;
import java.util.List;

/**
 * Distinct uniform points (the whole space when it is smaller than the budget), in batches: the
 * baseline every other strategy is measured against.
 */
public final class RandomSearch implements SearchStrategy {
    public static final String TYPE = "random";

    /** @param batchSize points per batch (0 = the whole budget in one batch) */
    public record Settings(String type, int batchSize) implements StrategySettings {
        public Settings {
            Batches.requireBatchSize(batchSize);
        }

        @JsonCreator
        static Settings fromJson(@JsonProperty("batchSize") Integer batchSize) {
            return new Settings(TYPE, batchSize == null ? 0 : batchSize);
        }

        public static Settings ofBatch(int batchSize) {
            return new Settings(TYPE, batchSize);
        }

        @Override
        public SearchStrategy create(SearchSpace space, SearchGoal goal, long seed) {
            return new RandomSearch(space, seed, batchSize);
        }
    }

    private final SearchSpace space;
    private final long seed;
    private final int batchSize;
    private Iterator<Choice> points;

    public RandomSearch(SearchSpace space, long seed, int batchSize) {
        this.space = space;
        this.seed = seed;
        this.batchSize = batchSize;
    }

    @Override
    public List<Proposal> ask(int remaining) {
        if (points == null) {
            // drawn once for the whole budget: the same seed gives the same points for any batch size
            points = Sampling.distinct(space, remaining, seed).iterator();
        }
        return Batches.next(points, batchSize, remaining);
    }

    @Override
    public void tell(List<Trial> trials) {
        // random search learns nothing
    }
}
