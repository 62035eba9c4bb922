package io.hwnas.hant;

import io.hwnas.hant.ilp.Assignment;
import io.hwnas.hant.ilp.AssignmentProblem;
import io.hwnas.hant.ilp.AssignmentSolver;
import io.hwnas.hant.ilp.BudgetSweep;
import io.hwnas.hant.ilp.InfeasibleBudgetException;
import io.hwnas.hant.ilp.Option;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HANT's phase-2 integer program against brute-force enumeration of every assignment. */
class HantIlpTest {
    private static final double EPS = 1e-9;

    /** The reference: the best score within budget, and the least cost among assignments reaching it. */
    private record Reference(double score, double cost) {
    }

    private static Reference bruteForce(AssignmentProblem p, double budget) {
        List<int[]> all = new ArrayList<>();
        enumerate(p, new int[p.size()], 0, all);
        double best = Double.NEGATIVE_INFINITY;
        for (int[] c : all) {
            if (p.cost(c) <= budget) {
                best = Math.max(best, p.score(c));
            }
        }
        double cheapest = Double.POSITIVE_INFINITY;
        for (int[] c : all) {
            if (p.cost(c) <= budget && p.score(c) >= best - EPS) {
                cheapest = Math.min(cheapest, p.cost(c));
            }
        }
        return new Reference(best, cheapest);
    }

    private static void enumerate(AssignmentProblem p, int[] c, int group, List<int[]> out) {
        if (group == p.size()) {
            out.add(c.clone());
            return;
        }
        for (int j = 0; j < p.groups().get(group).size(); j++) {
            c[group] = j;
            enumerate(p, c, group + 1, out);
        }
    }

    /** Random instance; {@code coarse} rounds scores and costs to a grid, so many assignments tie. */
    private static AssignmentProblem random(SplittableRandom rng, boolean coarse) {
        int groups = 1 + rng.nextInt(6);
        List<List<Option>> gs = new ArrayList<>();
        for (int i = 0; i < groups; i++) {
            int options = 1 + rng.nextInt(6);
            List<Option> g = new ArrayList<>();
            for (int j = 0; j < options; j++) {
                double score = -rng.nextDouble() * (rng.nextInt(10) == 0 ? 10 : 1);
                double cost = 0.01 + rng.nextDouble() * 2;
                if (coarse) {
                    score = Math.round(score * 4) / 4.0;
                    cost = Math.round(cost * 4) / 4.0;
                }
                g.add(new Option("g" + i + "o" + j, score, cost));
            }
            gs.add(g);
        }
        return new AssignmentProblem(gs);
    }

    private static double maximumCost(AssignmentProblem p) {
        double total = 0;
        for (List<Option> g : p.groups()) {
            total += g.stream().mapToDouble(Option::cost).max().orElseThrow();
        }
        return total;
    }

    @Test
    void optimumMatchesBruteForceOnRandomInstances() {
        SplittableRandom rng = new SplittableRandom(20240611);
        int solved = 0;
        for (int instance = 0; instance < 300; instance++) {
            AssignmentProblem p = random(rng, instance % 3 == 0);
            double min = p.minimumCost();
            double max = maximumCost(p);
            // the end points are assignments' exact costs: the hardest place for tolerances
            List<Double> budgets = List.of(min, max, min + (max - min) * rng.nextDouble(),
                    min + (max - min) * rng.nextDouble() * 0.3);
            for (double budget : budgets) {
                Assignment a = AssignmentSolver.solve(p, budget);
                Reference ref = bruteForce(p, budget);
                String where = "instance " + instance + " budget " + budget + ": " + p;
                assertEquals(ref.score(), a.score(), EPS, "optimal score, " + where);
                assertTrue(a.cost() <= budget + EPS, "within budget, " + where);
                assertEquals(ref.cost(), a.cost(), EPS, "cheapest among optimal, " + where);
                assertEquals(p.score(a.choice()), a.score(), 0, "score recomputed from the data");
                solved++;
            }
        }
        assertEquals(1200, solved);
    }

    @Test
    void biggerInstanceMatchesBruteForce() {
        SplittableRandom rng = new SplittableRandom(5);
        List<List<Option>> gs = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            List<Option> g = new ArrayList<>();
            for (int j = 0; j < 6; j++) {
                g.add(new Option("o" + j, -rng.nextDouble(), 0.05 + rng.nextDouble()));
            }
            gs.add(g);
        }
        AssignmentProblem p = new AssignmentProblem(gs);
        assertEquals(279_936, p.assignments());
        for (double frac : new double[] {0.05, 0.25, 0.5, 0.75, 1.0}) {
            double budget = p.minimumCost() + (maximumCost(p) - p.minimumCost()) * frac;
            assertEquals(bruteForce(p, budget).score(), AssignmentSolver.solve(p, budget).score(), EPS, "frac " + frac);
        }
    }

    @Test
    void equalScoresResolveToTheCheaperOption() {
        AssignmentProblem p = new AssignmentProblem(List.of(
                List.of(new Option("slow", -0.1, 3), new Option("fast", -0.1, 1), new Option("bad", -0.9, 0.5)),
                List.of(new Option("only", -0.2, 1))));
        Assignment a = AssignmentSolver.solve(p, 10);
        assertArrayEquals(new int[] {1, 0}, a.choice());
        assertEquals(2.0, a.cost(), 0);
    }

    @Test
    void infeasibleBudgetNamesTheBudgetAndTheCheapestCost() {
        AssignmentProblem p = new AssignmentProblem(List.of(
                List.of(new Option("a", -0.1, 2), new Option("b", -0.5, 1.5)),
                List.of(new Option("c", -0.2, 1))));
        InfeasibleBudgetException e = assertThrows(InfeasibleBudgetException.class, () -> AssignmentSolver.solve(p, 2.4));
        assertTrue(e.getMessage().contains("2.4") && e.getMessage().contains("2.5"), e.getMessage());
        assertEquals(2.5, e.minimumCost(), 0);
        assertArrayEquals(new int[] {1, 0}, AssignmentSolver.solve(p, 2.5).choice(), "the cheapest budget is feasible");
    }

    @Test
    void sweepIsMonotoneAndDistinct() {
        SplittableRandom rng = new SplittableRandom(77);
        for (int instance = 0; instance < 20; instance++) {
            AssignmentProblem p = random(rng, instance % 2 == 0);
            List<BudgetSweep.Point> front = BudgetSweep.sweep(p,
                    BudgetSweep.linear(p.minimumCost(), maximumCost(p), 9));
            for (int k = 1; k < front.size(); k++) {
                Assignment prev = front.get(k - 1).assignment();
                Assignment cur = front.get(k).assignment();
                assertTrue(front.get(k).budget() > front.get(k - 1).budget());
                assertTrue(cur.score() >= prev.score(), "score monotone in budget");
                assertTrue(cur.cost() >= prev.cost(), "cost monotone in budget");
                if (cur.score() == prev.score()) {
                    assertEquals(prev.cost(), cur.cost(), 0, "an equal score comes at the same (least) cost");
                }
            }
            assertEquals(front.size(), front.stream().map(pt -> List.of(pt.assignment())).distinct().count());
        }
    }

    @Test
    void linearBudgetsHitTheEndPointsExactly() {
        List<Double> b = BudgetSweep.linear(0.1, 0.7, 7);
        assertEquals(7, b.size());
        assertEquals(0.1, b.get(0), 0);
        assertEquals(0.7, b.get(6), 0);
        assertThrows(IllegalArgumentException.class, () -> BudgetSweep.linear(1, 0.5, 3));
    }
}
