package io.hwnas.search;

import io.hwnas.eval.Candidate;
import io.hwnas.eval.EvaluationResult;
import io.hwnas.eval.Evaluator;
import io.hwnas.eval.Fidelity;
import io.hwnas.space.Choice;
import io.hwnas.space.SearchSpace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a strategy against an evaluator under a budget of evaluations: asks for a batch, turns it
 * into candidates (ids in proposal order, seeds from run seed, batch and id), evaluates the new
 * ones, tells the strategy, and records the hypervolume after every batch. Everything that decides
 * what is proposed happens here on the driver, in a fixed order, so the same seed gives the same
 * proposals on any cluster layout.
 */
public final class Search {
    private static final Logger LOG = LoggerFactory.getLogger(Search.class);
    /** Batches in a row that bring nothing new before a strategy is taken to have converged. */
    static final int STALL_LIMIT = 50;

    /** Hears about every batch as it completes (progress logs, per-batch result files). */
    public interface Listener {
        void batchDone(BatchRecord record, List<EvaluationResult> batchResults);
    }

    private final SearchSpace space;
    private final Evaluator evaluator;
    private final SearchGoal goal;
    private final long seed;

    public Search(SearchSpace space, Evaluator evaluator, SearchGoal goal, long seed) {
        this.space = space;
        this.evaluator = evaluator;
        this.goal = goal;
        this.seed = seed;
    }

    public SearchOutcome run(SearchStrategy strategy, int maxEvaluations, Listener listener) {
        if (maxEvaluations <= 0) {
            throw new IllegalArgumentException("field 'search.evaluations' = " + maxEvaluations + " must be > 0");
        }
        long started = System.nanoTime();
        Map<Proposal, EvaluationResult> archive = new HashMap<>();
        Map<Choice, Proposal> best = new LinkedHashMap<>();
        List<EvaluationResult> all = new ArrayList<>();
        List<BatchRecord> batches = new ArrayList<>();
        RunningFront front = new RunningFront(goal);
        long failed = 0;
        int stalled = 0;
        for (int batch = 0; all.size() < maxEvaluations && stalled < STALL_LIMIT; batch++) {
            List<Proposal> proposals = strategy.ask(maxEvaluations - all.size());
            if (proposals.isEmpty()) {
                break;
            }
            Map<Proposal, Candidate> fresh = new LinkedHashMap<>();
            for (Proposal p : proposals) {
                if (!archive.containsKey(p) && !fresh.containsKey(p) && all.size() + fresh.size() < maxEvaluations) {
                    fresh.put(p, Candidate.of(space, p.choice(), all.size() + fresh.size(), batch, seed, p.fidelity()));
                }
            }
            List<EvaluationResult> results = new ArrayList<>(
                    fresh.isEmpty() ? List.of() : evaluator.evaluate(List.copyOf(fresh.values())));
            // executors return in any order; the strategy must always hear them in proposal order
            results.sort(Comparator.comparingInt(EvaluationResult::candidateId));
            if (results.size() != fresh.size()) {
                throw new IllegalStateException("evaluator returned " + results.size() + " results for " + fresh.size()
                        + " candidates");
            }
            int k = 0;
            Map<Choice, Proposal> before = new HashMap<>();
            for (Proposal p : fresh.keySet()) {
                EvaluationResult r = results.get(k++);
                archive.put(p, r);
                if (!before.containsKey(p.choice())) { // the point's result before this batch, null if none
                    before.put(p.choice(), best.get(p.choice()));
                }
                best.merge(p.choice(), p, (old, now) -> rank(now.fidelity()) >= rank(old.fidelity()) ? now : old);
                failed += r.ok() ? 0 : 1;
            }
            List<EvaluationResult> added = new ArrayList<>();
            List<EvaluationResult> removed = new ArrayList<>();
            before.forEach((choice, was) -> {
                Proposal now = best.get(choice);
                if (now != was) {
                    added.add(archive.get(now));
                    if (was != null) {
                        removed.add(archive.get(was));
                    }
                }
            });
            front.update(added, removed, () -> current(best, archive));
            all.addAll(results);
            List<Trial> trials = new ArrayList<>(proposals.size());
            for (Proposal p : proposals) {
                EvaluationResult r = archive.get(p);
                if (r != null) {
                    trials.add(new Trial(p, r));
                }
            }
            strategy.tell(trials);
            stalled = fresh.isEmpty() ? stalled + 1 : 0;
            // dominated results add nothing to the hypervolume, so the front's is the current set's
            BatchRecord record = new BatchRecord(batch, all.size(), fresh.size(), failed, front.members().size(),
                    goal.hypervolume(front.members()), (System.nanoTime() - started) / 1e9);
            batches.add(record);
            if (listener != null) {
                listener.batchDone(record, results);
            }
        }
        if (stalled >= STALL_LIMIT) {
            LOG.info("strategy proposed nothing new for {} batches; stopping at {} of {} evaluations", STALL_LIMIT,
                    all.size(), maxEvaluations);
        }
        return new SearchOutcome(all, current(best, archive), batches);
    }

    private static List<EvaluationResult> current(Map<Choice, Proposal> best, Map<Proposal, EvaluationResult> archive) {
        return best.values().stream().map(archive::get).sorted(Comparator.comparingInt(EvaluationResult::candidateId))
                .toList();
    }

    /** Full training (no fidelity given) outranks every reduced budget. */
    private static long rank(Fidelity f) {
        return f == null ? Long.MAX_VALUE : f.samplesSeen();
    }
}
