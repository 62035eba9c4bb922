package io.hwnas.spark.surrogate;

import io.hwnas.eval.Candidate;
import io.hwnas.eval.EvaluationResult;
import io.hwnas.eval.Evaluator;
import io.hwnas.io.StrictYaml;
import io.hwnas.search.Search;
import io.hwnas.search.SearchOutcome;
import io.hwnas.search.StrategySettings;
import io.hwnas.space.Choice;
import io.hwnas.space.Sampling;
import io.hwnas.spark.Sessions;
import io.hwnas.spark.config.SweepConfigLoader;
import io.hwnas.spark.config.SweepPlan;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The surrogate strategies with the real MLlib forest on the example table: the same seed gives the
 * same proposals and results on one core as on two, and the model's rounds are not random search's.
 */
class SurrogateStrategiesTest {
    private static final SweepPlan PLAN = SweepConfigLoader.loadPlan(Path.of("../examples/surrogate.yaml"));
    private static final StrategySettings SURROGATE = PLAN.config().search().strategy();
    private static final StrategySettings BOHB = StrictYaml.read(
            "{type: bohb, eta: 3, minTrainSamples: 10, maxTrainSamples: 90, trees: 16}", StrategySettings.class, "test");

    /** What an evaluator was asked, in order. */
    private static final class Recording implements Evaluator {
        final List<Choice> asked = new ArrayList<>();

        @Override
        public List<EvaluationResult> evaluate(List<Candidate> candidates) {
            candidates.forEach(c -> asked.add(c.choice()));
            return PLAN.tabular().evaluate(candidates);
        }
    }

    private record Run(List<Choice> asked, double hypervolume) {
    }

    private static Run run(String master, StrategySettings strategy, long seed, int budget) {
        SparkSession spark = Sessions.create("surrogate-test", master);
        try {
            Recording evaluator = new Recording();
            strategy.check(PLAN.config().space(), PLAN.goal(), budget);
            SearchOutcome out = new Search(PLAN.config().space(), evaluator, PLAN.goal(), seed)
                    .run(strategy.create(PLAN.config().space(), PLAN.goal(), seed), budget, null);
            // repeated proposals (a later bracket promoting a point already trained at that fidelity) cost nothing
            assertTrue(out.results().size() <= budget && out.results().size() == evaluator.asked.size());
            return new Run(evaluator.asked, out.batches().get(out.batches().size() - 1).hypervolume());
        } finally {
            spark.stop();
        }
    }

    @Test
    void surrogateIsTheSameOnOneAndTwoCores() {
        Run one = run("local[1]", SURROGATE, 7, 40);
        assertEquals(one, run("local[2]", SURROGATE, 7, 40));
        assertEquals(40, one.asked().size());
        assertEquals(40, one.asked().stream().distinct().count(), "no point twice");
        List<Choice> random = Sampling.distinct(PLAN.config().space(), 40, 7);
        assertEquals(random.subList(0, 20), one.asked().subList(0, 20), "the initial design is random search's");
        assertNotEquals(random.subList(20, 40), one.asked().subList(20, 40));
        assertTrue(one.hypervolume() > 0);
    }

    @Test
    void bohbIsTheSameOnOneAndTwoCores() {
        Run one = run("local[2]", BOHB, 5, 35);
        assertEquals(one, run("local[1]", BOHB, 5, 35));
        assertNotEquals(one.asked(), run("local[1]", BOHB, 6, 35).asked(), "another seed, other points");
    }
}
