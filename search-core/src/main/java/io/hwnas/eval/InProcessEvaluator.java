package io.hwnas.eval;

import java.util.List;

/** Evaluates candidates one after another in this JVM: the baseline Spark is measured against. */
public final class InProcessEvaluator implements Evaluator {
    private final CandidateEvaluator evaluator;

    public InProcessEvaluator(CandidateEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    @Override
    public List<EvaluationResult> evaluate(List<Candidate> candidates) {
        return candidates.stream().map(evaluator::evaluate).toList();
    }
}
