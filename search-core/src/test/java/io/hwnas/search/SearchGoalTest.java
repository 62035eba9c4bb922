package io.hwnas.search;

import io.hwnas.eval.EvaluationResult;
import io.hwnas.eval.ResultTable;
import io.hwnas.eval.Status;
import io.hwnas.pareto.Objective;
import io.hwnas.space.Choice;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SearchGoalTest {
    private final SyntheticProblem problem = SearchTest.conflicting(3, 3);

    private List<EvaluationResult> results(double[][] ab, Status... statuses) {
        List<EvaluationResult> out = new ArrayList<>();
        for (int i = 0; i < ab.length; i++) {
            var c = io.hwnas.eval.Candidate.of(problem.space, Choice.of(i % 3, i / 3 % 3, 0), i, 0, 1);
            out.add(SyntheticProblem.result(c, statuses.length > i ? statuses[i] : Status.OK, Map.of("a", ab[i][0], "b", ab[i][1])));
        }
        return out;
    }

    @Test
    void ranksAreNonDominatedLayersWithInfeasibleLastByViolation() {
        SearchGoal goal = problem.goal(List.of(Objective.maximize("a"), Objective.maximize("b")),
                List.of(Bound.atMost("b", 5)), 0, 0);
        List<EvaluationResult> r = results(new double[][] {{3, 1}, {1, 3}, {2, 2}, {1, 1}, {0, 9}, {0, 6}, {9, 9}},
                Status.OK, Status.OK, Status.OK, Status.OK, Status.OK, Status.OK, Status.FAILED);
        // {0,6} breaks b <= 5 by 20%, {0,9} by 80%, the failed one infinitely
        assertArrayEquals(new int[] {0, 0, 0, 1, 3, 2, 4}, goal.ranks(r));
        assertEquals(3, goal.front(r).size());
        assertEquals(0.2, goal.violation(r.get(5)), 1e-12);
        assertEquals(3 * 1 + 2 * 1 + 1 * 1, goal.hypervolume(r), 1e-12, "staircase 3x1 + 2x(2-1) + 1x(3-2)");
    }

    @Test
    void referenceComesFromConfigThenConstraintThenNaturalZero() {
        ResultTable table = new ResultTable(List.of("ethos-u55-128"), List.of("naswot"));
        SearchSettings s = new SearchSettings(RandomSearch.Settings.ofBatch(0), 10,
                List.of(Objective.maximize("accuracy"), Objective.minimize("latency_ms_ethos_u55_128")),
                List.of(Bound.atMost("latency_ms_ethos_u55_128", 30.0)), null);
        assertArrayEquals(new double[] {0, 30}, s.goal(table, List.of("ethos-u55-128")).reference());
        SearchSettings proxy = new SearchSettings(RandomSearch.Settings.ofBatch(0), 10,
                List.of(Objective.maximize("naswot"), Objective.minimize("macs")), null, Map.of("macs", 5e6));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> proxy.goal(table, List.of("ethos-u55-128")));
        assertTrue(e.getMessage().contains("'naswot'"), e.getMessage());
    }

    @Test
    void unknownOrTextObjectivesAreRejectedByName() {
        ResultTable table = new ResultTable(List.of("host-cpu"));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> new SearchGoal(
                List.of(Objective.maximize("acuracy")), List.of(), new double[] {0}, table));
        assertTrue(unknown.getMessage().contains("unknown column 'acuracy'"), unknown.getMessage());
        IllegalArgumentException text = assertThrows(IllegalArgumentException.class, () -> new SearchGoal(
                List.of(Objective.maximize("worker")), List.of(), new double[] {0}, table));
        assertTrue(text.getMessage().contains("text column"), text.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SearchSettings(RandomSearch.Settings.ofBatch(0), 0,
                null, null, null), "budget 0");
    }
}
