package io.hwnas.search;

import java.util.List;

/**
 * Proposes batches of points and learns from their results (ask/tell). A strategy never evaluates
 * anything itself, so the same strategy runs against Spark, in-process or tabular evaluation, and
 * its proposals depend only on its seed and on what it was told — not on executors or partitions.
 *
 * <p>{@link Search} calls {@code ask}, evaluates the batch, then calls {@code tell} with one trial
 * per proposal in proposal order, before asking again.
 */
public interface SearchStrategy {

    /**
     * The next batch, at most {@code remaining} proposals (the evaluations left in the budget); empty
     * when the strategy has nothing more to propose. Proposals already evaluated are answered from
     * the search's archive without spending budget.
     */
    List<Proposal> ask(int remaining);

    /** The results of the last batch, in the order it was asked. */
    void tell(List<Trial> trials);
}
