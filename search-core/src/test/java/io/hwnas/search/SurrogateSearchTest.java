package io.hwnas.search;

import io.hwnas.eval.Candidate;
import io.hwnas.io.StrictYaml;
import io.hwnas.pareto.Objective;
import io.hwnas.search.surrogate.BaggedNeighbours;
import io.hwnas.space.Choice;
import io.hwnas.space.Sampling;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The surrogate strategy's logic with a deterministic stand-in model ({@link BaggedNeighbours}); the
 * MLlib forest it uses for real is tested on real Spark in spark-jobs.
 */
class SurrogateSearchTest {

    static SurrogateSearch.Settings settings(String yaml) {
        return (SurrogateSearch.Settings) StrictYaml.read("{type: surrogate, model: " + BaggedNeighbours.TYPE + ", "
                + yaml + "}", StrategySettings.class, "test");
    }

    /** Two conflicting objectives over 8 genes of 4 options (65,536 points, more than the pool). */
    private static SearchOutcome run(StrategySettings s, SyntheticProblem p, SearchGoal goal, long seed, int budget) {
        s.check(p.space, goal, budget);
        return new Search(p.space, p, goal, seed).run(s.create(p.space, goal, seed), budget, null);
    }

    @Test
    void startsWithRandomSearchsPointsThenProposesUnevaluatedBatches() {
        SyntheticProblem p = SearchTest.conflicting(8, 4);
        SurrogateSearch.Settings s = settings("initial: 12, batchSize: 5, trees: 8, pool: 200");
        SearchOutcome out = run(s, p, SearchTest.maximiseBoth(p), 3, 40);
        assertEquals(Sampling.distinct(p.space, 12, 3), p.evaluated.subList(0, 12).stream().map(Candidate::choice).toList());
        assertEquals(40, out.results().size());
        assertEquals(40, new HashSet<>(p.evaluated.stream().map(Candidate::choice).toList()).size(), "no repeats");
        assertEquals(List.of(12, 5, 5, 5, 5, 5, 3), out.batches().stream().map(BatchRecord::newEvaluations).toList());
    }

    @Test
    void sameSeedSameProposalsAnotherSeedOthers() {
        SurrogateSearch.Settings s = settings("initial: 10, batchSize: 6, trees: 8, pool: 200");
        List<Choice> first = proposals(s, 5);
        assertEquals(first, proposals(s, 5));
        assertNotEquals(first.subList(10, 40), proposals(s, 6).subList(10, 40));
    }

    private static List<Choice> proposals(SurrogateSearch.Settings s, long seed) {
        SyntheticProblem p = SearchTest.conflicting(8, 4);
        run(s, p, SearchTest.maximiseBoth(p), seed, 40);
        return p.evaluated.stream().map(Candidate::choice).toList();
    }

    /**
     * Maximise both the number of zero genes and the gene sum (8 genes of 4 options): the front runs
     * from all zeros to all threes through points of zeros and threes only (hypervolume 84), which random
     * sampling rarely hits. The model, trained on what it saw, must close a good part of random search's
     * gap to that front with the same budget — over ten seeds on average, so one lucky draw decides nothing.
     */
    @Test
    void closesPartOfRandomSearchsGapToTheFront() {
        SurrogateSearch.Settings s = settings("initial: 20, batchSize: 10, trees: 16, pool: 400");
        double surrogate = 0;
        double random = 0;
        for (long seed = 1; seed <= 10; seed++) {
            SyntheticProblem p = SearchTest.conflicting(8, 4);
            SearchGoal goal = SearchTest.maximiseBoth(p);
            surrogate += last(run(s, p, goal, seed, 80).batches()).hypervolume();
            SyntheticProblem q = SearchTest.conflicting(8, 4);
            random += last(new Search(q.space, q, goal, seed).run(new RandomSearch(q.space, seed, 10), 80, null)
                    .batches()).hypervolume();
        }
        double front = 10 * 84;
        assertTrue(surrogate - random > 0.1 * (front - random), "mean hypervolume: surrogate " + surrogate / 10
                + ", random " + random / 10 + ", true front 84");
    }

    private static BatchRecord last(List<BatchRecord> batches) {
        return batches.get(batches.size() - 1);
    }

    /** Constraints are modelled too: most proposals after the initial design satisfy a sum bound. */
    @Test
    void proposesMostlyWithinAConstraint() {
        SyntheticProblem p = SearchTest.conflicting(8, 4);
        SearchGoal goal = p.goal(List.of(Objective.maximize("a"), Objective.maximize("b")),
                List.of(new Bound("b", null, 12.0)), 0, 0);
        run(settings("initial: 20, batchSize: 10, randomFraction: 0, pool: 300"), p, goal, 4, 80);
        List<Candidate> proposed = List.copyOf(p.evaluated);
        long feasible = p.evaluate(proposed.subList(20, 80)).stream().filter(goal::feasible).count();
        long initial = p.evaluate(proposed.subList(0, 20)).stream().filter(goal::feasible).count();
        assertTrue(feasible >= 0.8 * 60 && feasible / 60.0 > initial / 20.0,
                feasible + " of 60 modelled proposals feasible, " + initial + " of 20 random ones");
    }

    @Test
    void randomFractionDrawsThatShareOfEachBatchUniformly() {
        // all-random batches: the strategy must still never repeat a point
        SyntheticProblem p = SearchTest.conflicting(3, 3);
        SearchOutcome out = run(settings("initial: 5, batchSize: 4, randomFraction: 1, pool: 10"), p,
                SearchTest.maximiseBoth(p), 2, 27);
        assertEquals(27, out.results().size(), "the whole space of 27 points, each once");
        assertEquals(27, new HashSet<>(p.evaluated.stream().map(Candidate::choice).toList()).size());
    }

    @Test
    void badSettingsFailWithOneLineNamingTheField() {
        assertEquals("test: field 'search.strategy.initial' = 1 must be >= 2 (a model needs at least two points)",
                message(() -> settings("initial: 1")));
        assertEquals("test: field 'search.strategy.batchSize' = 0 must be >= 1", message(() -> settings("batchSize: 0")));
        assertEquals("test: field 'search.strategy.trees' = 1 must be an integer in 2..1000 (the model's ensemble "
                + "members)", message(() -> settings("trees: 1")));
        assertEquals("test: field 'search.strategy.pool' = 0 must be an integer in 1..1000000",
                message(() -> settings("pool: 0")));
        assertEquals("test: field 'search.strategy.randomFraction' = 1.5 must be a number in 0..1",
                message(() -> settings("randomFraction: 1.5")));
        SyntheticProblem p = SearchTest.conflicting(4, 2);
        SearchGoal goal = SearchTest.maximiseBoth(p);
        assertEquals("field 'search.strategy.initial' = 20 must be at most field 'search.evaluations' = 10",
                message(() -> settings("initial: 20").check(p.space, goal, 10)));
        StrategySettings missing = StrictYaml.read("{type: surrogate, model: forest}", StrategySettings.class, "t");
        assertEquals("field 'search.strategy.model' = 'forest' must be one of the regressors on the class path "
                + "[test-neighbours] (spark-jobs registers 'forest', Spark MLlib's random forest)",
                message(() -> missing.check(p.space, goal, 40)));
    }

    static String message(Runnable r) {
        return assertThrows(RuntimeException.class, r::run).getMessage();
    }
}
