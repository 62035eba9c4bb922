package io.hwnas.bench;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.hwnas.search.StrategySettings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strategy benchmark as its YAML file describes it: a sweep config supplying the space, the
 * evaluation (training, proxies, devices or a table) and the goal, the seeds, and the arms — each a
 * strategy and optionally its own budget (successive halving spends more, cheaper evaluations).
 *
 * @param baseline the arm every other arm's hypervolume is divided by
 */
record StrategyComparison(String sweep, List<Long> seeds, Map<String, Arm> arms, String baseline) {

    /** @param evaluations null for the sweep config's budget */
    record Arm(StrategySettings strategy, Integer evaluations) {
        Arm {
            if (strategy == null) {
                throw new IllegalArgumentException("field 'arms.*.strategy' is required");
            }
            if (evaluations != null && evaluations <= 0) {
                throw new IllegalArgumentException("field 'arms.*.evaluations' = " + evaluations + " must be > 0");
            }
        }

        @JsonCreator
        static Arm fromJson(@JsonProperty("strategy") StrategySettings strategy,
                            @JsonProperty("evaluations") Integer evaluations) {
            return new Arm(strategy, evaluations);
        }
    }

    StrategyComparison {
        if (sweep == null || sweep.isBlank()) {
            throw new IllegalArgumentException("field 'sweep' (a sweep config path) is required");
        }
        if (seeds == null || seeds.size() < 2) {
            throw new IllegalArgumentException("field 'seeds' must list at least 2 seeds to give a spread");
        }
        seeds = List.copyOf(seeds);
        if (arms == null || arms.size() < 2) {
            throw new IllegalArgumentException("field 'arms' must name at least 2 strategies to compare");
        }
        arms = new LinkedHashMap<>(arms);
        if (baseline == null) {
            baseline = arms.keySet().iterator().next();
        }
        if (!arms.containsKey(baseline)) {
            throw new IllegalArgumentException("field 'baseline' = '" + baseline + "' is not an arm; arms are " + arms.keySet());
        }
    }

    @JsonCreator
    static StrategyComparison fromJson(@JsonProperty("sweep") String sweep, @JsonProperty("seeds") List<Long> seeds,
                                       @JsonProperty("arms") Map<String, Arm> arms,
                                       @JsonProperty("baseline") String baseline) {
        return new StrategyComparison(sweep, seeds, arms, baseline);
    }
}
