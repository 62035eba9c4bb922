package io.hwnas.spark;

import org.apache.spark.SparkContext;

/**
 * Receives a sweep's progress: plain log lines by default ({@link #LOG}); the command line shows a
 * progress bar instead on an interactive terminal.
 */
public interface SweepProgress {

    /** One INFO line per batch: what cron jobs, spark-submit logs and redirected output get. */
    SweepProgress LOG = new LoggedProgress();

    /** Before the first batch; {@code spark} is the context the candidates are evaluated on. */
    default void started(SparkContext spark, int budget, int candidatesPerTask) {
    }

    void batchDone(SweepStatus status);

    /** After the last batch, also when the sweep fails. */
    default void finished() {
    }
}
