package io.hwnas.search;

import com.fasterxml.jackson.databind.JsonMappingException;
import io.hwnas.eval.Candidate;
import io.hwnas.eval.EvaluationResult;
import io.hwnas.eval.Evaluator;
import io.hwnas.io.Mappers;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HyperbandTest {

    /** R = 81 (10 to 810 images), eta = 3: the example of Li et al. (2018), table 1. */
    private static final Hyperband.Settings PAPER = new Hyperband.Settings("hyperband", 3, 10, 810, 1);

    /** Every batch a strategy asked for, in order. */
    private static final class Recording implements SearchStrategy {
        final SearchStrategy inner;
        final List<List<Proposal>> asked = new ArrayList<>();

        Recording(SearchStrategy inner) {
            this.inner = inner;
        }

        @Override
        public List<Proposal> ask(int remaining) {
            List<Proposal> batch = inner.ask(remaining);
            asked.add(batch);
            return batch;
        }

        @Override
        public void tell(List<Trial> trials) {
            inner.tell(trials);
        }
    }

    @Test
    void bracketSizesAndFidelitiesFollowThePaper() {
        assertEquals(4, PAPER.maxBracket());
        assertEquals(List.of(81L, 34L, 15L, 8L, 5L),
                IntStream.of(4, 3, 2, 1, 0).mapToObj(PAPER::bracketSize).toList());
        assertEquals(List.of(10, 30, 90, 270, 810), IntStream.rangeClosed(0, 4).mapToObj(i -> PAPER.trainSamples(4, i)).toList());
        assertEquals(List.of(270, 810), IntStream.rangeClosed(0, 1).mapToObj(i -> PAPER.trainSamples(1, i)).toList());
        // rung sizes n·eta^-i: 81 27 9 3 1, 34 11 3 1, 15 5 1, 8 2, 5
        assertEquals(List.of(121L, 49L, 21L, 10L, 5L), IntStream.of(4, 3, 2, 1, 0).mapToObj(PAPER::bracketCost).toList());

        Hyperband.Settings r8 = new Hyperband.Settings("hyperband", 2, 100, 800, 1);
        assertEquals(3, r8.maxBracket());
        assertEquals(List.of(8L, 6L, 4L, 4L), IntStream.of(3, 2, 1, 0).mapToObj(r8::bracketSize).toList());

        // R = 10 is no power of 3: s_max = 2, and the rungs divide the maximum down
        Hyperband.Settings r10 = new Hyperband.Settings("hyperband", 3, 100, 1000, 1);
        assertEquals(2, r10.maxBracket());
        assertEquals(List.of(9L, 5L, 3L), IntStream.of(2, 1, 0).mapToObj(r10::bracketSize).toList());
        assertEquals(List.of(111, 333, 1000), IntStream.rangeClosed(0, 2).mapToObj(i -> r10.trainSamples(2, i)).toList());
    }

    @Test
    void runsWholeBracketsFromSMaxDownAndStopsBeforeOneThatDoesNotFit() {
        SyntheticProblem p = SearchTest.conflicting(8, 4);
        SearchGoal goal = SearchTest.maximiseBoth(p);
        Recording strategy = new Recording(PAPER.create(p.space, goal, 3));
        // brackets 4, 3, 2 take 121 + 49 + 21 = 191; bracket 1 needs 10 more than the 9 left
        SearchOutcome out = new Search(p.space, p, goal, 3).run(strategy, 200, null);
        assertEquals(List.of(81, 27, 9, 3, 1, 34, 11, 3, 1, 15, 5, 1, 0), strategy.asked.stream().map(List::size).toList());
        assertEquals(List.of(10, 30, 90, 270, 810, 30, 90, 270, 810, 90, 270, 810),
                strategy.asked.stream().filter(b -> !b.isEmpty()).map(b -> b.get(0).fidelity().trainSamples()).toList());
        assertTrue(out.results().size() <= 191 && p.evaluated.size() == out.results().size(), "within the budget");
        for (int i = 1; i < strategy.asked.size() - 1; i++) {
            List<Proposal> batch = strategy.asked.get(i);
            boolean promoted = batch.get(0).fidelity().trainSamples() > strategy.asked.get(i - 1).get(0).fidelity().trainSamples();
            if (promoted) {
                assertTrue(strategy.asked.get(i - 1).stream().map(Proposal::choice).toList()
                        .containsAll(batch.stream().map(Proposal::choice).toList()), "a rung holds only promoted points");
            }
        }
    }

    @Test
    void startsOverAtSMaxAfterBracketZero() {
        SyntheticProblem p = SearchTest.conflicting(8, 4);
        SearchGoal goal = SearchTest.maximiseBoth(p);
        Recording strategy = new Recording(PAPER.create(p.space, goal, 3));
        new Search(p.space, p, goal, 3).run(strategy, 206 + 121 + 48, null);
        List<Integer> sizes = strategy.asked.stream().map(List::size).toList();
        assertEquals(List.of(5, 81, 27, 9, 3, 1, 0), sizes.subList(sizes.size() - 7, sizes.size()),
                "bracket 0, then s_max again; bracket 3 (49) does not fit the 48 left");
        assertNotEquals(strategy.asked.get(0), strategy.asked.get(sizes.size() - 6), "a new bracket draws new points");
    }

    @Test
    void theSameSeedGivesTheSameProposalsWhateverOrderResultsArriveIn() {
        List<List<Proposal>> first = proposals(7, new Random(1));
        assertEquals(first, proposals(7, new Random(2)));
        assertEquals(first, proposals(7, null));
        assertNotEquals(first, proposals(8, new Random(1)));
    }

    /** Hyperband's proposals with results handed back shuffled by {@code order} (null: as the problem returns them). */
    private static List<List<Proposal>> proposals(long seed, Random order) {
        SyntheticProblem p = SearchTest.conflicting(8, 4);
        SearchGoal goal = SearchTest.maximiseBoth(p);
        Evaluator shuffled = order == null ? p : candidates -> {
            List<EvaluationResult> out = new ArrayList<>(p.evaluate(candidates));
            Collections.shuffle(out, order);
            return out;
        };
        Recording strategy = new Recording(PAPER.create(p.space, goal, seed));
        new Search(p.space, shuffled, goal, seed).run(strategy, 206, null);
        return strategy.asked;
    }

    @Test
    void atTheTrainingCostOfRandomSearchItFindsABetterFront() {
        // one pass over brackets 4..0 sees 206 points but trains no more than 25 full-fidelity ones would
        SyntheticProblem cost = SearchTest.conflicting(8, 4);
        Search probe = new Search(cost.space, cost, SearchTest.maximiseBoth(cost), 1);
        probe.run(PAPER.create(cost.space, SearchTest.maximiseBoth(cost), 1), 206, null);
        long images = cost.evaluated.stream().map(Candidate::fidelity).mapToLong(f -> f.samplesSeen()).sum();
        int fullTrainings = (int) (images / 810);
        assertTrue(fullTrainings > 0 && fullTrainings <= 5 * 5, "the paper's bound: (s_max+1)·R images a bracket; "
                + fullTrainings);

        double hyperband = 0;
        double random = 0;
        for (long seed = 1; seed <= 5; seed++) {
            SyntheticProblem p = SearchTest.conflicting(8, 4);
            SearchGoal goal = SearchTest.maximiseBoth(p);
            SearchOutcome hb = new Search(p.space, p, goal, seed).run(PAPER.create(p.space, goal, seed), 206, null);
            SearchOutcome rs = new Search(p.space, p, goal, seed).run(new RandomSearch(p.space, seed, 0), fullTrainings, null);
            assertTrue(!goal.front(hb.current()).isEmpty());
            hyperband += goal.hypervolume(hb.current());
            random += goal.hypervolume(rs.current());
        }
        assertTrue(hyperband > random, "hyperband " + hyperband / 5 + " vs random " + random / 5);
    }

    @Test
    void badSettingsAreRejectedNamingTheField() throws Exception {
        assertMessage("'search.strategy.eta' = 1", () -> new Hyperband.Settings("hyperband", 1, 100, 900, 1));
        assertMessage("'search.strategy.minTrainSamples' = 0", () -> new Hyperband.Settings("hyperband", 3, 0, 900, 1));
        assertMessage("'search.strategy.maxTrainSamples' = 200", () -> new Hyperband.Settings("hyperband", 3, 100, 200, 1));
        assertMessage("'search.strategy.epochs' = 0", () -> new Hyperband.Settings("hyperband", 3, 100, 900, 0));
        SyntheticProblem p = SearchTest.conflicting(6, 4);
        assertMessage("needs 121 evaluations", () -> PAPER.check(p.space, SearchTest.maximiseBoth(p), 120));
        PAPER.check(p.space, SearchTest.maximiseBoth(p), 121);

        StrategySettings parsed = Mappers.strictYaml().readValue("{type: hyperband, eta: 2, maxTrainSamples: 1000}",
                StrategySettings.class);
        assertEquals(new Hyperband.Settings("hyperband", 2, 250, 1000, 1), parsed);
        JsonMappingException e = assertThrows(JsonMappingException.class,
                () -> Mappers.strictYaml().readValue("{type: hyperband, maxTrainSamples: 500}", StrategySettings.class));
        assertTrue(e.getCause().getMessage().contains("'search.strategy.maxTrainSamples' = 500"), e.getMessage());
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable e) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().contains(expected), ex.getMessage());
    }
}
