package io.hwnas.spark.cli;

import io.hwnas.search.BatchRecord;
import io.hwnas.spark.SweepProgress;
import io.hwnas.spark.SweepStatus;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;
import me.tongfei.progressbar.ProgressState;
import org.apache.spark.SparkContext;
import org.apache.spark.Success$;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * A sweep's progress as a bar redrawn in place: candidates done of the budget, failures, ETA and the
 * front so far. The search reports only whole batches, so within a batch the bar advances with each
 * finished Spark task (by the candidates a task holds); each batch's record then sets it exactly.
 */
final class TerminalProgressBar implements SweepProgress {
    private final ProgressBarConsumer consumer; // null: the library's console consumer for the terminal
    private ProgressBar bar;
    private SparkContext spark;
    private SparkListener taskCounter;
    private volatile long confirmed;
    private volatile double etaSeconds = Double.NaN;

    TerminalProgressBar(ProgressBarConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public void started(SparkContext spark, int budget, int candidatesPerTask) {
        ProgressBarBuilder builder = new ProgressBarBuilder()
                .setTaskName("candidates")
                .setInitialMax(budget)
                .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                .setUpdateIntervalMillis(500)
                .continuousUpdate()
                .setEtaFunction(TerminalProgressBar.this::eta);
        bar = (consumer == null ? builder : builder.setConsumer(consumer)).build();
        bar.setExtraMessage("starting");
        this.spark = spark;
        taskCounter = new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                if (end.reason() == Success$.MODULE$) {
                    synchronized (TerminalProgressBar.this) {
                        // never past the budget: other jobs (writing results) also run tasks
                        bar.stepTo(Math.min(bar.getMax(), Math.max(bar.getCurrent() + candidatesPerTask, confirmed)));
                    }
                }
            }
        };
        spark.addSparkListener(taskCounter);
    }

    /**
     * The sweep's own ETA once a batch is done (the library's would count instant journal replays
     * and reuses as speed); before that, a linear one from the tasks finished so far.
     */
    private Optional<Duration> eta(ProgressState state) {
        if (!Double.isNaN(etaSeconds)) {
            return Optional.of(Duration.ofSeconds(Math.round(etaSeconds)));
        }
        if (state.getCurrent() == 0) {
            return Optional.empty();
        }
        Duration elapsed = state.getTotalElapsed();
        return Optional.of(elapsed.dividedBy(state.getCurrent()).multipliedBy(state.getMax() - state.getCurrent()));
    }

    @Override
    public synchronized void batchDone(SweepStatus s) {
        BatchRecord r = s.record();
        confirmed = r.evaluations();
        etaSeconds = s.etaSeconds();
        bar.stepTo(r.evaluations());
        bar.setExtraMessage(message(s));
        // drawn now, not on the next timer tick: a batch of small candidates can finish within one tick
        bar.refresh();
    }

    static String message(SweepStatus s) {
        BatchRecord r = s.record();
        StringBuilder m = new StringBuilder(String.format(Locale.ROOT, "batch %d · %d failed · front %d · HV %.4g",
                r.batch(), r.failed(), r.frontSize(), r.hypervolume()));
        if (s.replayed() + s.reused() > 0) {
            m.append(String.format(Locale.ROOT, " · %d replayed, %d reused", s.replayed(), s.reused()));
        }
        return m.toString();
    }

    @Override
    public synchronized void finished() {
        if (taskCounter != null) {
            spark.removeSparkListener(taskCounter);
        }
        if (bar != null) {
            bar.close();
        }
    }
}
