package io.hwnas.search;

import io.hwnas.pareto.Objective;
import io.hwnas.space.Choice;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GreedyBlockSearchTest {

    /**
     * Per block, option 1 is faster and loses 0.004 quality, option 2 is fastest and loses 0.02.
     * Quality = 0.9 minus the losses, speed = 10 + gains; both maximised.
     */
    private static final double[] LOSS = {0, 0.004, 0.02};
    private static final double[] GAIN = {0, 1, 3};

    private static SyntheticProblem blocks() {
        return new SyntheticProblem(4, 3, List.of("quality", "speed"), c -> new double[] {
                0.9 - c.genes().stream().mapToDouble(g -> LOSS[g]).sum(),
                10 + c.genes().stream().mapToDouble(g -> GAIN[g]).sum()});
    }

    private static Choice run(double tolerance, SyntheticProblem p) {
        SearchGoal goal = p.goal(List.of(Objective.maximize("quality"), Objective.maximize("speed")), List.of(), 0, 0);
        GreedyBlockSearch greedy = new GreedyBlockSearch(p.space, goal, tolerance);
        SearchOutcome out = new Search(p.space, p, goal, 1).run(greedy, 100, null);
        // the walk evaluates the baseline and two alternatives per block
        assertEquals(1 + 4 * 2, out.results().size());
        return greedy.chosen();
    }

    @Test
    void takesTheFastestOptionPerBlockWhileTheTotalLossStaysWithinTolerance() {
        // 0.01 allows two 0.004 losses (0.008) but not a third (0.012) nor any 0.02 loss
        assertEquals(Choice.of(1, 1, 0, 0), run(0.01, blocks()));
        // 0.05 allows the 0.02 option twice (0.04), then only 0.004 ones (0.048), not a third 0.02
        assertEquals(Choice.of(2, 2, 1, 1), run(0.05, blocks()));
    }

    @Test
    void zeroToleranceKeepsTheBaselineWhenEveryChangeCostsQuality() {
        assertEquals(Choice.of(0, 0, 0, 0), run(0, blocks()));
    }

    @Test
    void needsTwoObjectives() {
        SyntheticProblem p = blocks();
        SearchGoal one = p.goal(List.of(Objective.maximize("quality")), List.of(), 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GreedyBlockSearch.Settings("greedy", 0.01).check(p.space, one, 10));
        assertEquals(true, e.getMessage().contains("exactly 2 objectives"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new GreedyBlockSearch.Settings("greedy", -1));
    }
}
