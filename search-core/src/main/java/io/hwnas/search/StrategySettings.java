package io.hwnas.search;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.hwnas.space.SearchSpace;

import java.io.Serializable;

/**
 * A strategy as its config describes it ({@code search.strategy: {type: nsga2, population: 16}}).
 * Settings validate themselves on construction, and {@link #check} catches what needs the space or
 * the goal, so a bad setting fails before Spark starts.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = RandomSearch.Settings.class, name = RandomSearch.TYPE),
    @JsonSubTypes.Type(value = ExhaustiveSearch.Settings.class, name = ExhaustiveSearch.TYPE),
    @JsonSubTypes.Type(value = GreedyBlockSearch.Settings.class, name = GreedyBlockSearch.TYPE),
    @JsonSubTypes.Type(value = ActNasSearch.Settings.class, name = ActNasSearch.TYPE),
    @JsonSubTypes.Type(value = SuccessiveHalving.Settings.class, name = SuccessiveHalving.TYPE),
    @JsonSubTypes.Type(value = Hyperband.Settings.class, name = Hyperband.TYPE),
    @JsonSubTypes.Type(value = Nsga2Search.Settings.class, name = Nsga2Search.TYPE),
    @JsonSubTypes.Type(value = SurrogateSearch.Settings.class, name = SurrogateSearch.TYPE),
    @JsonSubTypes.Type(value = Bohb.Settings.class, name = Bohb.TYPE)
})
public interface StrategySettings extends Serializable {

    String type();

    /** Rejects settings that cannot work on this space or goal, naming the field. */
    default void check(SearchSpace space, SearchGoal goal, int evaluations) {
    }

    SearchStrategy create(SearchSpace space, SearchGoal goal, long seed);
}
