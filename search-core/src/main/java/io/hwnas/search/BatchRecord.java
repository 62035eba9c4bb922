package io.hwnas.search;

/**
 * Search quality after one batch, as stored with the results and logged as progress.
 *
 * @param evaluations evaluations spent so far (the budget's unit)
 * @param failed failed evaluations so far
 * @param frontSize feasible non-dominated points so far
 * @param hypervolume of those points against the goal's reference
 */
public record BatchRecord(int batch, int evaluations, int newEvaluations, long failed, int frontSize,
                          double hypervolume, double elapsedSeconds) {
}
