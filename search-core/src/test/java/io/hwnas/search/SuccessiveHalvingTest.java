package io.hwnas.search;

import io.hwnas.eval.Candidate;
import io.hwnas.pareto.Objective;
import io.hwnas.space.Choice;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SuccessiveHalvingTest {

    private static SuccessiveHalving.Settings settings(int candidates) {
        return new SuccessiveHalving.Settings("successive-halving", candidates, 3, 3, 100, 1);
    }

    @Test
    void rungsShrinkByEtaWhileTheirTrainingGrowsByEta() {
        SyntheticProblem p = SearchTest.conflicting(6, 4);
        SearchGoal goal = SearchTest.maximiseBoth(p);
        new Search(p.space, p, goal, 5).run(settings(27).create(p.space, goal, 5), 39, null);
        assertEquals(27 + 9 + 3, p.evaluated.size());
        assertEquals(List.of(100, 300, 900), p.evaluated.stream().map(c -> c.fidelity().trainSamples()).distinct().toList());
        Set<Choice> rung1 = new HashSet<>(p.evaluated.subList(27, 36).stream().map(Candidate::choice).toList());
        Set<Choice> rung0 = new HashSet<>(p.evaluated.subList(0, 27).stream().map(Candidate::choice).toList());
        assertTrue(rung0.containsAll(rung1), "only rung-0 points are promoted");
    }

    @Test
    void promotesByNonDominatedRankSoTheFrontSurvivesWholeWhenItFits() {
        SyntheticProblem p = SearchTest.conflicting(6, 4);
        SearchGoal goal = SearchTest.maximiseBoth(p);
        SearchOutcome out = new Search(p.space, p, goal, 5).run(settings(27).create(p.space, goal, 5), 39, null);
        var rung0 = out.results().subList(0, 27);
        int[] rank = goal.ranks(rung0);
        Set<Choice> promoted = new HashSet<>(p.evaluated.subList(27, 36).stream().map(Candidate::choice).toList());
        long frontSize = java.util.Arrays.stream(rank).filter(r -> r == 0).count();
        for (int i = 0; i < 27; i++) {
            Choice c = p.evaluated.get(i).choice();
            if (rank[i] == 0 && frontSize <= 9) {
                assertTrue(promoted.contains(c), "front member " + c + " must be promoted");
            }
            if (promoted.contains(c)) {
                for (int j = 0; j < 27; j++) {
                    assertTrue(rank[j] >= rank[i] || promoted.contains(p.evaluated.get(j).choice()),
                            "a better-ranked point " + p.evaluated.get(j).choice() + " was left behind for " + c);
                }
            }
        }
    }

    @Test
    void fillsTheBudgetWhenNoCandidateCountIsGivenAndRejectsAnImpossibleOne() {
        SuccessiveHalving.Settings auto = settings(0);
        assertEquals(31, auto.initial(44), "31 + 10 + 3 = 44 fits; 32 + 10 + 3 = 45 does not");
        SyntheticProblem p = SearchTest.conflicting(6, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> settings(27).check(p.space, SearchTest.maximiseBoth(p), 38));
        assertTrue(e.getMessage().contains("39 evaluations"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SuccessiveHalving.Settings("successive-halving", 0, 1, 3, 100, 1));
    }
}
