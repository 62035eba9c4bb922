package io.hwnas.search;

import io.hwnas.eval.Candidate;
import io.hwnas.eval.EvaluationResult;
import io.hwnas.pareto.Objective;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SearchTest {

    /** Two conflicting objectives: a = number of genes at 0, b = sum of genes; both maximised. */
    static SyntheticProblem conflicting(int dims, int options) {
        return new SyntheticProblem(dims, options, List.of("a", "b"), c -> new double[] {
                c.genes().stream().filter(g -> g == 0).count(), c.genes().stream().mapToInt(Integer::intValue).sum()});
    }

    static SearchGoal maximiseBoth(SyntheticProblem p) {
        return p.goal(List.of(Objective.maximize("a"), Objective.maximize("b")), List.of(), 0, 0);
    }

    @Test
    void spendsExactlyTheBudgetWithSequentialIdsAndNoRepeats() {
        SyntheticProblem p = conflicting(6, 4);
        SearchOutcome out = new Search(p.space, p, maximiseBoth(p), 7)
                .run(new RandomSearch(p.space, 7, 5), 23, null);
        assertEquals(23, out.results().size());
        assertEquals(IntStream.range(0, 23).boxed().toList(), out.results().stream().map(EvaluationResult::candidateId).toList());
        assertEquals(23, new HashSet<>(p.evaluated.stream().map(Candidate::choice).toList()).size());
        assertEquals(5, out.batches().size(), "batches of 5, 5, 5, 5, 3");
        for (int i = 1; i < out.batches().size(); i++) {
            assertTrue(out.batches().get(i).hypervolume() >= out.batches().get(i - 1).hypervolume(),
                    "the hypervolume of everything so far cannot shrink");
        }
        assertEquals(maximiseBoth(p).hypervolume(out.current()), out.batches().get(4).hypervolume(), 0);
    }

    @Test
    void theSameSeedGivesTheSameCandidatesWhateverTheBatchSize() {
        SyntheticProblem a = conflicting(6, 4);
        SyntheticProblem b = conflicting(6, 4);
        new Search(a.space, a, maximiseBoth(a), 3).run(new RandomSearch(a.space, 3, 4), 20, null);
        new Search(b.space, b, maximiseBoth(b), 3).run(new RandomSearch(b.space, 3, 0), 20, null);
        assertEquals(a.evaluated.stream().map(Candidate::choice).toList(), b.evaluated.stream().map(Candidate::choice).toList());
    }

    @Test
    void repeatedProposalsAreAnsweredFromTheArchiveAndAStalledStrategyStops() {
        SyntheticProblem p = conflicting(3, 3);
        SearchStrategy sameAgain = new SearchStrategy() {
            @Override
            public List<Proposal> ask(int remaining) {
                return List.of(Proposal.of(p.space.baseline()));
            }

            @Override
            public void tell(List<Trial> trials) {
                assertEquals(1, trials.size(), "a repeated proposal is still answered");
            }
        };
        SearchOutcome out = new Search(p.space, p, maximiseBoth(p), 1).run(sameAgain, 10, null);
        assertEquals(1, p.evaluated.size());
        assertEquals(1, out.results().size());
        assertEquals(Search.STALL_LIMIT + 1, out.batches().size());
    }

    @Test
    void exhaustiveSearchCoversTheSpaceAndRefusesOneTooLarge() {
        SyntheticProblem p = conflicting(3, 3);
        SearchGoal goal = maximiseBoth(p);
        new ExhaustiveSearch.Settings("exhaustive", 0).check(p.space, goal, 27);
        SearchOutcome out = new Search(p.space, p, goal, 1).run(new ExhaustiveSearch(p.space, 10), 27, null);
        assertEquals(27, out.results().size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ExhaustiveSearch.Settings("exhaustive", 0).check(p.space, goal, 26));
        assertTrue(e.getMessage().contains("search.evaluations"), e.getMessage());
    }
}
