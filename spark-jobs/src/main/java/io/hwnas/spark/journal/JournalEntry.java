package io.hwnas.spark.journal;

import io.hwnas.eval.EvaluationResult;

/**
 * One evaluation as a run records it after its batch completes.
 *
 * @param key the {@link EvaluationKey} of the evaluation, under which later runs may reuse it
 * @param source where the result came from: {@code evaluated} (run now), {@code journal} (replayed
 *     from this run's own batch files on resume) or {@code cache:<run-id>#<candidate-id>} (reused
 *     from an earlier run)
 */
public record JournalEntry(String key, String source, EvaluationResult result) {

    public static final String EVALUATED = "evaluated";

    public JournalEntry {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("journal entry: field 'key' is required");
        }
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("journal entry: field 'source' is required");
        }
        if (result == null) {
            throw new IllegalArgumentException("journal entry: field 'result' is required");
        }
    }
}
