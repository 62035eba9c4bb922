package io.hwnas.hant.ilp;

import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;
import org.ojalgo.optimisation.integer.IntegerStrategy;
import org.ojalgo.type.context.NumberContext;

import java.util.ArrayList;
import java.util.List;

/**
 * Solves an {@link AssignmentProblem} exactly as a 0-1 integer program with ojAlgo's branch and bound
 * (algorithms.md §7, HANT phase 2):
 * <pre>
 *   max Σ score(i,j)·x_ij   s.t.   Σ_j x_ij = 1 for every group i,   Σ cost(i,j)·x_ij ≤ budget,   x_ij ∈ {0, 1}
 * </pre>
 * (posed to the solver relative to each group's cheapest option, see {@link #run}). Ties in score are broken
 * towards lower cost by a second program (min cost subject to score ≥ the optimum), so a larger budget never
 * returns a slower assignment of equal score and a budget sweep is monotone. "Exact" means up to the solver's
 * tolerances, tightened here to a relative gap of about 1e-11; every answer is re-checked against the budget, and
 * HantIlpTest compares optima with brute-force enumeration on 1,200 random instances.
 */
public final class AssignmentSolver {
    /** Relative slack on the score bound of the tie-break program: far below any meaningful score difference. */
    static final double TIE_TOLERANCE = 1e-9;
    /**
     * Relative slack on the budget: a budget equal to an assignment's cost (the cheapest, the teacher's) must admit
     * it although the solver adds the same costs in another order.
     */
    static final double BUDGET_TOLERANCE = 1e-12;

    static {
        // ojAlgo otherwise prints a banner about its hardware profile to stdout
        if (System.getProperty("shut.up.ojAlgo") == null) {
            System.setProperty("shut.up.ojAlgo", "true");
        }
    }

    private AssignmentSolver() {
    }

    /**
     * @throws InfeasibleBudgetException when even the cheapest assignment costs more than {@code budget}
     * @throws IllegalStateException if the solver does not prove optimality
     */
    public static Assignment solve(AssignmentProblem problem, double budget) {
        if (!Double.isFinite(budget)) {
            throw new IllegalArgumentException("budget = " + budget + " must be a finite number");
        }
        double minimum = problem.minimumCost();
        if (budget < minimum) {
            throw new InfeasibleBudgetException(budget, minimum);
        }
        Assignment best = run(problem, budget, null);
        double slack = TIE_TOLERANCE * Math.max(1, Math.abs(best.score()));
        Assignment cheapest = run(problem, budget, best.score() - slack);
        // the tie-break may only trade cost for a score difference below the tolerance
        return cheapest.cost() <= best.cost() && cheapest.score() >= best.score() - slack ? cheapest : best;
    }

    /**
     * Maximises the score, or with {@code minScore} set, minimises the cost among assignments scoring at least that.
     * Formulated relative to each group's cheapest option r_i: y_ij = 1 picks option j instead of r_i, so the
     * "exactly one" equalities become Σ_j y_ij ≤ 1 and all-zero (the cheapest assignment) is always feasible.
     * ojAlgo 55.2's branch and bound returned constraint-violating "optimal" points on the textbook form with
     * equalities when the budget is tight; this form has none, and options the reference dominates are dropped.
     */
    private static Assignment run(AssignmentProblem problem, double budget, Double minScore) {
        List<List<Option>> groups = problem.groups();
        int[] reference = new int[groups.size()];
        double baseCost = 0;
        double baseScore = 0;
        for (int i = 0; i < groups.size(); i++) {
            reference[i] = cheapest(groups.get(i));
            baseCost += groups.get(i).get(reference[i]).cost();
            baseScore += groups.get(i).get(reference[i]).score();
        }
        ExpressionsBasedModel model = new ExpressionsBasedModel(options());
        double limit = budget + BUDGET_TOLERANCE * Math.max(1, Math.abs(budget));
        Expression cost = model.addExpression("budget").upper(limit - baseCost);
        Expression score = minScore == null ? null : model.addExpression("score").lower(minScore - baseScore);
        List<int[]> picks = new ArrayList<>();
        List<Variable> vars = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            Option ref = groups.get(i).get(reference[i]);
            Expression atMostOne = null;
            for (int j = 0; j < groups.get(i).size(); j++) {
                Option o = groups.get(i).get(j);
                if (j == reference[i] || o.score() <= ref.score()) {
                    continue; // not cheaper and not better: never needed
                }
                double dCost = o.cost() - ref.cost();
                double dScore = o.score() - ref.score();
                Variable v = model.addVariable("y" + i + "_" + j).binary().weight(minScore == null ? dScore : dCost);
                cost.set(v, dCost);
                if (score != null) {
                    score.set(v, dScore);
                }
                if (atMostOne == null) {
                    atMostOne = model.addExpression("group" + i).upper(1);
                }
                atMostOne.set(v, 1);
                picks.add(new int[] {i, j});
                vars.add(v);
            }
        }
        int[] choice = reference.clone();
        if (!vars.isEmpty()) {
            Optimisation.Result result = minScore == null ? model.maximise() : model.minimise();
            if (!result.getState().isOptimal()) {
                throw new IllegalStateException("the integer program for budget " + budget + " ended "
                        + result.getState() + " instead of optimal");
            }
            for (int k = 0; k < vars.size(); k++) {
                if (result.doubleValue(model.indexOf(vars.get(k))) > 0.5) {
                    int i = picks.get(k)[0];
                    if (choice[i] != reference[i]) {
                        throw new IllegalStateException("solver picked two options in group " + i + ": " + result);
                    }
                    choice[i] = picks.get(k)[1];
                }
            }
        }
        Assignment a = Assignment.of(problem, choice);
        // ojAlgo checks constraints to its own tolerance; the budget (and the score bound) are hard limits here
        if (a.cost() > limit || (minScore != null && a.score() < minScore)) {
            throw new IllegalStateException("solver returned " + a + " violating budget " + budget
                    + (minScore == null ? "" : " or score bound " + minScore));
        }
        return a;
    }

    /** The cheapest option; among equally cheap ones the best scoring, then the first. */
    private static int cheapest(List<Option> g) {
        int best = 0;
        for (int j = 1; j < g.size(); j++) {
            Option o = g.get(j);
            Option b = g.get(best);
            if (o.cost() < b.cost() || (o.cost() == b.cost() && o.score() > b.score())) {
                best = j;
            }
        }
        return best;
    }

    private static Optimisation.Options options() {
        Optimisation.Options o = new Optimisation.Options();
        // no Gomory mixed-integer cuts: in ojAlgo 55.2 they cut off the optimum of degenerate programs (options of
        // equal score or cost; HantIlpTest's coarse instances) and the search then ends INFEASIBLE. These programs
        // are small enough for plain branch and bound; a fractionality threshold of 1 means no cut is ever made.
        o.integer(IntegerStrategy.DEFAULT.withGapTolerance(NumberContext.of(12, 14))
                .withGMICutConfiguration(new IntegerStrategy.GMICutConfiguration().withFractionality(1.0)));
        return o;
    }
}
