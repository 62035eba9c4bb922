package io.hwnas.hant.ilp;

/** No assignment fits the budget; the message names the budget and the least cost that would. */
public final class InfeasibleBudgetException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final double budget;
    private final double minimumCost;

    public InfeasibleBudgetException(double budget, double minimumCost) {
        super("budget " + budget + " is infeasible: the cheapest assignment costs " + minimumCost
                + " (allowed: budgets >= " + minimumCost + ")");
        this.budget = budget;
        this.minimumCost = minimumCost;
    }

    public double budget() {
        return budget;
    }

    public double minimumCost() {
        return minimumCost;
    }
}
