package io.hwnas.spark.journal;

/**
 * What a run records about itself before its first batch, so an interrupted run can be resumed from
 * its directory alone.
 *
 * @param evaluationContext the {@link EvaluationKey#context} every key of this run was made with
 * @param codeVersion the build that started the run ({@link EvaluationKey#codeVersion})
 */
public record JournalHeader(int format, String runId, String configSource, String startedAt,
                            String evaluationContext, String codeVersion) {

    public static final int FORMAT = 1;

    public JournalHeader {
        if (format != FORMAT) {
            throw new IllegalArgumentException("journal.json: field 'format' = " + format + " is not the supported "
                    + FORMAT);
        }
        for (String[] f : new String[][] {{"runId", runId}, {"startedAt", startedAt},
                {"evaluationContext", evaluationContext}}) {
            if (f[1] == null || f[1].isBlank()) {
                throw new IllegalArgumentException("journal.json: field '" + f[0] + "' is required");
            }
        }
    }
}
