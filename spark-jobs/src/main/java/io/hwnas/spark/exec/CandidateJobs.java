package io.hwnas.spark.exec;

import io.hwnas.eval.Candidate;
import io.hwnas.eval.EvaluationResult;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * One batch as one Spark job per task, each in a job group of its own, so that a candidate can fail alone:
 * <ul>
 *   <li>one {@link MemoryCheck} refuses is recorded as failed and never sent;</li>
 *   <li>one whose task died with its executor {@value #EXECUTOR_LOSSES} times has its group cancelled and is recorded
 *   as {@code executor lost twice while training}, rather than Spark retrying it {@code spark.task.maxFailures} times
 *   and failing the whole batch;</li>
 *   <li>one running past its {@link TimeLimit} is cancelled (the task thread is interrupted, which the training loop
 *   checks between minibatches) and recorded as {@code timeout after N s}.</li>
 * </ul>
 * A task of several candidates that fails is split: each of its candidates runs again as a task of its own, so only
 * the one at fault is recorded as failed. Spark keeps one result per task however many attempts ran (retries,
 * speculative copies), and results go back only through the driver, so each candidate is answered exactly once.
 */
public final class CandidateJobs {
    private static final Logger LOG = LoggerFactory.getLogger(CandidateJobs.class);
    static final int EXECUTOR_LOSSES = 2;
    static final String LOST = "executor lost twice while training";
    /** How often running jobs are checked against their time limit; a job that ends wakes the driver at once. */
    private static final long POLL_MILLIS = 100;
    private static final AtomicLong BATCHES = new AtomicLong();
    private static final String GROUP = "spark.jobGroup.id";
    private static final String DESCRIPTION = "spark.job.description";
    private static final String INTERRUPT = "spark.job.interruptOnCancel";

    private final JavaSparkContext jsc;
    private final MemoryCheck memory;
    private final TimeLimit timeLimit;

    public CandidateJobs(JavaSparkContext jsc, MemoryCheck memory, TimeLimit timeLimit) {
        this.jsc = jsc;
        this.memory = memory;
        this.timeLimit = timeLimit;
    }

    /** A submitted task: its candidates, job group and future, and why the driver stopped it (null unless it did). */
    private static final class Job {
        final List<Candidate> candidates;
        final String group;
        final JavaFutureAction<List<EvaluationResult>> future;
        String stopped;

        Job(List<Candidate> candidates, String group, JavaFutureAction<List<EvaluationResult>> future) {
            this.candidates = candidates;
            this.group = group;
            this.future = future;
        }
    }

    /**
     * Evaluates {@code candidates}, {@code perTask} to a task, through {@code evaluation} (the executors' side of the
     * RDD); returns one result per candidate, in their order.
     */
    public List<EvaluationResult> run(List<Candidate> candidates, int perTask,
                                      Function<JavaRDD<Candidate>, JavaRDD<EvaluationResult>> evaluation) {
        Map<Integer, EvaluationResult> results = new HashMap<>();
        List<Candidate> admitted = new ArrayList<>();
        for (Candidate c : candidates) {
            memory.refusal(c).ifPresentOrElse(reason -> {
                LOG.warn("candidate {} failed: {}", c.id(), reason);
                results.put(c.id(), EvaluationResult.failed(c, reason, "driver"));
            }, () -> admitted.add(c));
        }
        String prefix = "hwnas-" + BATCHES.incrementAndGet() + "-";
        SparkContext sc = jsc.sc();
        TaskWatch watch = new TaskWatch(prefix);
        sc.addSparkListener(watch);
        List<Job> running = new ArrayList<>();
        try {
            for (int from = 0; from < admitted.size(); from += perTask) {
                running.add(submit(admitted.subList(from, Math.min(admitted.size(), from + perTask)), prefix, evaluation));
            }
            List<Double> finishedSeconds = new ArrayList<>();
            while (!running.isEmpty()) {
                List<Job> next = new ArrayList<>();
                for (Job job : running) {
                    if (job.future.isDone() || watch.ended(job.group)) {
                        next.addAll(collect(job, watch, results, finishedSeconds, prefix, evaluation));
                    } else {
                        watchOver(job, watch, finishedSeconds, admitted.size());
                        next.add(job);
                    }
                }
                running = next;
                if (!running.isEmpty()) {
                    watch.awaitJobEnd(POLL_MILLIS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.forEach(job -> job.future.cancel(true));
            throw new IllegalStateException("interrupted while candidates were evaluated", e);
        } finally {
            sc.removeSparkListener(watch);
        }
        return candidates.stream().map(c -> results.get(c.id())).toList();
    }

    private Job submit(List<Candidate> chunk, String prefix,
                       Function<JavaRDD<Candidate>, JavaRDD<EvaluationResult>> evaluation) {
        String group = prefix + "c" + chunk.get(0).id() + (chunk.size() > 1 ? "+" + (chunk.size() - 1) : "");
        SparkContext sc = jsc.sc();
        // the job group is a local property of this thread, read when the job is submitted: set it around each
        String[] keys = {GROUP, DESCRIPTION, INTERRUPT};
        String[] before = new String[keys.length];
        for (int i = 0; i < keys.length; i++) {
            before[i] = sc.getLocalProperty(keys[i]);
        }
        try {
            jsc.setJobGroup(group, "candidate" + (chunk.size() > 1 ? "s " : " ") + ids(chunk), true);
            return new Job(List.copyOf(chunk), group, evaluation.apply(jsc.parallelize(chunk, 1)).collectAsync());
        } finally {
            for (int i = 0; i < keys.length; i++) {
                sc.setLocalProperty(keys[i], before[i]);
            }
        }
    }

    /** Stops a job that lost its executor too often or ran past its limit. */
    private void watchOver(Job job, TaskWatch watch, List<Double> finishedSeconds, int batch) {
        if (job.stopped != null) {
            return;
        }
        if (watch.executorLosses(job.group) >= EXECUTOR_LOSSES) {
            stop(job, LOST);
            return;
        }
        OptionalLong launched = watch.launched(job.group);
        OptionalDouble limit = timeLimit.seconds(finishedSeconds, batch);
        if (launched.isPresent() && limit.isPresent()) {
            double allowed = limit.getAsDouble() * job.candidates.size();
            if ((System.currentTimeMillis() - launched.getAsLong()) / 1e3 > allowed) {
                stop(job, String.format(Locale.ROOT, "timeout after %.0f s", allowed));
            }
        }
    }

    private void stop(Job job, String reason) {
        job.stopped = reason;
        LOG.warn("candidate(s) {}: {}; cancelling job group {}", ids(job.candidates), reason, job.group);
        jsc.sc().cancelJobGroup(job.group);
    }

    /** A finished job's results, or its candidates' failures, or (a failed task of several) its candidates resubmitted. */
    private List<Job> collect(Job job, TaskWatch watch, Map<Integer, EvaluationResult> results,
                              List<Double> finishedSeconds, String prefix,
                              Function<JavaRDD<Candidate>, JavaRDD<EvaluationResult>> evaluation)
            throws InterruptedException {
        try {
            for (EvaluationResult r : job.future.get()) {
                results.put(r.candidateId(), r);
            }
            watch.launched(job.group).ifPresent(t -> finishedSeconds.add(
                    (System.currentTimeMillis() - t) / 1e3 / job.candidates.size()));
            return List.of();
        } catch (ExecutionException | java.util.concurrent.CancellationException e) {
            if (job.candidates.size() > 1) {
                LOG.warn("task of candidates {} failed ({}); each runs again alone", ids(job.candidates),
                        job.stopped != null ? job.stopped : firstLine(e));
                return job.candidates.stream().map(c -> submit(List.of(c), prefix, evaluation)).toList();
            }
            String reason = job.stopped != null ? job.stopped
                    : watch.executorLosses(job.group) >= EXECUTOR_LOSSES ? LOST : "task failed: " + firstLine(e);
            Candidate c = job.candidates.get(0);
            LOG.warn("candidate {} failed: {}", c.id(), reason);
            results.put(c.id(), EvaluationResult.failed(c, reason, "driver"));
            return List.of();
        }
    }

    private static String firstLine(Exception e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String message = String.valueOf(cause.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static String ids(List<Candidate> candidates) {
        return candidates.stream().map(c -> Integer.toString(c.id())).toList().toString();
    }
}
