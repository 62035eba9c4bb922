package io.hwnas.search;

import io.hwnas.eval.EvaluationResult;

/** A proposal and what its evaluation found (possibly a failure). */
public record Trial(Proposal proposal, EvaluationResult result) {
}
