package io.hwnas.spark.journal;

import io.hwnas.eval.Candidate;
import io.hwnas.eval.EvaluationResult;
import io.hwnas.eval.Evaluator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answers what is already known and sends only the rest to the real evaluator: on resume, the
 * run's own journal (the same candidate id, fingerprint, seed and key: an exact replay); then
 * results of earlier runs under the same {@link EvaluationKey}. Results come back keyed by
 * candidate id, so a task Spark ran twice (a lost executor, speculation) still yields one result
 * per candidate.
 */
public final class ReusingEvaluator implements Evaluator {
    private final Evaluator delegate;
    private final String context;
    private final Map<Integer, JournalEntry> journal = new HashMap<>();
    private final EvaluationCache cache;
    private final Map<Integer, JournalEntry> answered = new HashMap<>();
    private int evaluated;
    private int replayed;
    private int reused;

    /** @param journal entries of this run's intact batch files (empty for a new run) */
    public ReusingEvaluator(Evaluator delegate, String context, List<JournalEntry> journal, EvaluationCache cache) {
        this.delegate = delegate;
        this.context = context;
        journal.forEach(e -> this.journal.put(e.result().candidateId(), e));
        this.cache = cache;
    }

    @Override
    public List<EvaluationResult> evaluate(List<Candidate> candidates) {
        Map<Integer, JournalEntry> out = new LinkedHashMap<>();
        List<Candidate> missing = new ArrayList<>();
        Map<Integer, String> keys = new HashMap<>();
        for (Candidate c : candidates) {
            String key = EvaluationKey.of(context, c);
            keys.put(c.id(), key);
            Optional<JournalEntry> known = known(c, key);
            if (known.isPresent()) {
                out.put(c.id(), known.get());
            } else {
                missing.add(c);
            }
        }
        for (EvaluationResult r : missing.isEmpty() ? List.<EvaluationResult>of() : delegate.evaluate(missing)) {
            String key = keys.get(r.candidateId());
            if (key == null || out.containsKey(r.candidateId())) {
                continue; // not asked for, or a second copy of a re-run task
            }
            out.put(r.candidateId(), new JournalEntry(key, JournalEntry.EVALUATED, r));
            evaluated++;
        }
        for (Candidate c : missing) {
            if (!out.containsKey(c.id())) {
                throw new IllegalStateException("the evaluator returned no result for candidate " + c.id());
            }
        }
        // entries are asked for once, when their batch is journaled: keeping every earlier batch's would hold each
        // key and result of a 10⁶-evaluation sweep a second time
        answered.clear();
        answered.putAll(out);
        return out.values().stream().map(JournalEntry::result).toList();
    }

    private Optional<JournalEntry> known(Candidate c, String key) {
        JournalEntry own = journal.get(c.id());
        if (own != null && own.key().equals(key) && own.result().seed() == c.seed()
                && own.result().fingerprint().equals(c.fingerprint())) {
            replayed++;
            return Optional.of(own);
        }
        Optional<EvaluationCache.Hit> hit = cache.find(key);
        if (hit.isPresent()) {
            reused++;
            EvaluationResult earlier = hit.get().entry().result();
            return Optional.of(new JournalEntry(key, "cache:" + hit.get().runId() + "#" + earlier.candidateId(),
                    earlier.asCandidate(c.id(), c.generation())));
        }
        return Optional.empty();
    }

    /** The entry this evaluator answered for a candidate of the latest {@link #evaluate} call, for the batch file. */
    public JournalEntry entry(int candidateId) {
        JournalEntry e = answered.get(candidateId);
        if (e == null) {
            throw new IllegalArgumentException("candidate " + candidateId + " was not evaluated here");
        }
        return e;
    }

    /** Candidates sent to the real evaluator. */
    public int evaluated() {
        return evaluated;
    }

    /** Candidates answered from this run's own journal (resume). */
    public int replayed() {
        return replayed;
    }

    /** Candidates answered from earlier runs. */
    public int reused() {
        return reused;
    }
}
