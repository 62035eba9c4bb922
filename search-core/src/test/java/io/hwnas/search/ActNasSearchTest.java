package io.hwnas.search;

import io.hwnas.pareto.Objective;
import io.hwnas.space.Choice;
import org.junit.jupiter.api.Test;

import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ActNasSearchTest {

    /**
     * Additive per-layer effects, as ActNAS assumes: each layer's option costs and scores
     * independently, with weights that differ by layer so the trade-off is not uniform.
     */
    private static SyntheticProblem additive() {
        double[][] score = {{0, -1, -3}, {0, -0.2, -2.5}, {0, -0.5, -0.6}, {0, -2, -0.1}, {0, -0.3, -4}};
        double[][] latency = {{9, 4, 1}, {5, 3, 2}, {7, 6, 1}, {3, 1, 2}, {8, 2, 1}};
        return new SyntheticProblem(5, 3, List.of("score", "latency"), c -> {
            double s = 0;
            double l = 0;
            for (int d = 0; d < 5; d++) {
                s += score[d][c.gene(d)];
                l += latency[d][c.gene(d)];
            }
            return new double[] {s, l};
        });
    }

    private static SearchGoal goal(SyntheticProblem p) {
        return p.goal(List.of(Objective.maximize("score"), Objective.minimize("latency")), List.of(), -20, 40);
    }

    @Test
    void roundZeroIsTheBaselineAndEverySingleChange() {
        SyntheticProblem p = additive();
        new Search(p.space, p, goal(p), 1).run(new ActNasSearch(p.space, goal(p), 4), 11, null);
        assertEquals(p.space.baseline(), p.evaluated.get(0).choice());
        for (int i = 1; i < 11; i++) {
            Choice c = p.evaluated.get(i).choice();
            assertEquals(1, java.util.stream.IntStream.range(0, 5).filter(d -> c.gene(d) != 0).count(), c.toString());
        }
    }

    @Test
    void onAnAdditiveProblemItReachesTheExhaustiveFrontWithFarFewerEvaluations() {
        SyntheticProblem all = additive();
        double best = goal(all).hypervolume(new Search(all.space, all, goal(all), 1)
                .run(new ExhaustiveSearch(all.space, 0), 243, null).current());
        SyntheticProblem p = additive();
        SearchOutcome out = new Search(p.space, p, goal(p), 1).run(new ActNasSearch(p.space, goal(p), 6), 120, null);
        assertEquals(best, out.batches().get(out.batches().size() - 1).hypervolume(), 1e-9,
                "with exact additive predictions every front point is reachable by one-change moves");
        assertTrue(p.evaluated.size() < 243, "stopped after " + p.evaluated.size() + " of 243 points");
        double random = 0;
        for (long seed = 1; seed <= 5; seed++) {
            SyntheticProblem r = additive();
            random += goal(r).hypervolume(new Search(r.space, r, goal(r), seed)
                    .run(new RandomSearch(r.space, seed, 0), p.evaluated.size(), null).current()) / 5;
        }
        assertTrue(random < best, "random search with the same budget averages " + random + " < " + best);
    }
}
