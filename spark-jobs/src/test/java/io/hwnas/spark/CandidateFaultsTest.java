package io.hwnas.spark;

import io.hwnas.arch.ActivationType;
import io.hwnas.arch.PoolKind;
import io.hwnas.data.DataSettings;
import io.hwnas.data.FashionMnist;
import io.hwnas.dl4j.TrainingSettings;
import io.hwnas.eval.Candidate;
import io.hwnas.eval.CandidateEvaluator;
import io.hwnas.eval.EvaluationResult;
import io.hwnas.proxy.ProxySettings;
import io.hwnas.space.ActivationSpace;
import io.hwnas.space.Choice;
import io.hwnas.space.ConvStage;
import io.hwnas.space.ImageInput;
import io.hwnas.spark.exec.ExecutorMemory;
import io.hwnas.spark.exec.MemoryCheck;
import io.hwnas.spark.exec.TimeLimit;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Faults of single candidates in a batch on local[2] Spark, with real training: one over its time limit (trained for
 * 1,000 epochs) is stopped and fails alone, one too large for the memory a task may use never starts, and one whose
 * task throws fails without the candidate that shared its task. That a lost executor fails a candidate after two
 * losses needs executors of their own: {@code cluster/FaultsClusterIT}.
 */
class CandidateFaultsTest {
    /** Candidates whose work began, across the (same-JVM) executor threads. */
    private static final Set<Integer> STARTED = ConcurrentHashMap.newKeySet();
    private static final ActivationSpace SPACE = new ActivationSpace(new ImageInput(1, 28, 28), 10,
            List.of(new ConvStage(8, 1, 3, PoolKind.MAX), new ConvStage(16, 1, 3, PoolKind.MAX)),
            ActivationSpace.Head.FLATTEN, List.of(ActivationType.RELU, ActivationType.SILU), List.of(1.0, 8.0));
    private static SparkSession spark;
    private static JavaSparkContext jsc;

    @BeforeAll
    static void start() {
        assumeTrue(Files.isDirectory(Path.of(FashionMnist.DEFAULT_DIRECTORY)), "Fashion-MNIST not installed");
        spark = Sessions.create("candidate-faults", "local[2]");
        jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    private static CandidateEvaluator trainedFor(int epochs) {
        return new CandidateEvaluator(new DataSettings(FashionMnist.DEFAULT_DIRECTORY, 300, 200, 0, 3),
                new TrainingSettings(epochs, 32, 3e-3), ProxySettings.none(), List.of());
    }

    /** Candidates 0..3: the four activation pairs at width 1; candidate 4 at width 8 in both stages. */
    private static List<Candidate> candidates() {
        List<Choice> choices = List.of(Choice.of(0, 0, 0, 0), Choice.of(1, 0, 0, 0), Choice.of(0, 1, 0, 0),
                Choice.of(1, 1, 0, 0), Choice.of(0, 0, 1, 1));
        return java.util.stream.IntStream.range(0, choices.size())
                .mapToObj(i -> Candidate.of(SPACE, choices.get(i), i, 0, 17 + i)).toList();
    }

    @Test
    void aCandidatePastItsTimeLimitIsStoppedAndTheBatchFinishes() throws Exception {
        CandidateEvaluator brief = trainedFor(1);
        CandidateEvaluator endless = trainedFor(1000);
        int slow = 1;
        SparkEvaluator.CandidateWork work = c -> (c.id() == slow ? endless : brief).evaluate(c);
        long t0 = System.nanoTime();
        List<EvaluationResult> results = new SparkEvaluator(jsc, work, 1, 1, MemoryCheck.NONE, new TimeLimit(20))
                .evaluate(candidates().subList(0, 4));
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(List.of(0, 1, 2, 3), results.stream().map(EvaluationResult::candidateId).toList());
        for (EvaluationResult r : results) {
            if (r.candidateId() == slow) {
                assertFalse(r.ok());
                assertEquals("timeout after 20 s", r.error());
            } else {
                assertTrue(r.ok(), r.candidateId() + ": " + r.error());
            }
        }
        assertTrue(seconds < 90, "the batch waited " + seconds + " s for a 20 s limit");
        // the interrupted training left its loop: no thread trains any more
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (training() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertFalse(training(), "a thread still trains after its candidate was stopped");
    }

    private static boolean training() {
        return Thread.getAllStackTraces().values().stream().flatMap(Arrays::stream)
                .anyMatch(f -> f.getClassName().equals("io.hwnas.dl4j.Trainer") && f.getMethodName().equals("train"));
    }

    @Test
    void aCandidateTooLargeForATasksMemoryNeverStarts() {
        STARTED.clear();
        CandidateEvaluator brief = trainedFor(1);
        SparkEvaluator.CandidateWork work = c -> {
            STARTED.add(c.id());
            return brief.evaluate(c);
        };
        MemoryCheck memory = MemoryCheck.training(32, new ExecutorMemory(32L << 20, 1, "a 32 MiB test limit"));
        List<Candidate> batch = List.of(candidates().get(0), candidates().get(4));
        List<EvaluationResult> results = new SparkEvaluator(jsc, work, 1, 1, memory, new TimeLimit(0)).evaluate(batch);
        assertTrue(results.get(0).ok(), results.get(0).error());
        EvaluationResult poison = results.get(1);
        assertFalse(poison.ok());
        assertTrue(poison.error().startsWith("memory: training at batch 32 needs about ")
                && poison.error().contains("above the 32.0 MiB a task may use (a 32 MiB test limit"), poison.error());
        assertFalse(poison.error().contains("\n"), "one line");
        assertEquals(Set.of(0), STARTED, "the refused candidate was never started");
        assertTrue(poison.macs() > 0, "its counts are kept");
    }

    @Test
    void aFailedTaskOfTwoCandidatesFailsOnlyTheOneAtFault() {
        CandidateEvaluator brief = trainedFor(1);
        SparkEvaluator.CandidateWork work = c -> {
            if (c.id() == 2) {
                throw new IllegalStateException("candidate 2 broke its task");
            }
            return brief.evaluate(c);
        };
        List<EvaluationResult> results = new SparkEvaluator(jsc, work, 2, 1, MemoryCheck.NONE, new TimeLimit(0))
                .evaluate(candidates().subList(0, 4));
        assertEquals(List.of(true, true, false, true), results.stream().map(EvaluationResult::ok).toList(),
                results.stream().map(EvaluationResult::error).toList().toString());
        assertTrue(results.get(2).error().startsWith("task failed: ")
                && results.get(2).error().contains("candidate 2 broke its task"), results.get(2).error());
    }
}
