package io.hwnas.spark;

import io.hwnas.search.BatchRecord;

/**
 * Where a sweep stands after a batch: the search's record and how the answers so far were obtained.
 *
 * @param budget evaluations the sweep may spend
 * @param evaluatedHere candidates evaluated by this run (not replayed from its journal or reused)
 */
public record SweepStatus(BatchRecord record, int budget, int evaluatedHere, int replayed, int reused) {

    public SweepStatus {
        if (budget < 0 || evaluatedHere < 0 || replayed < 0 || reused < 0) {
            throw new IllegalArgumentException("budget and counts must be >= 0");
        }
    }

    /**
     * Seconds left if the whole budget is spent, NaN before anything was evaluated here. Only this
     * run's own evaluations set the pace: replayed and reused answers are instant.
     */
    public double etaSeconds() {
        return evaluatedHere == 0 ? Double.NaN
                : record.elapsedSeconds() / evaluatedHere * Math.max(0, budget - record.evaluations());
    }
}
