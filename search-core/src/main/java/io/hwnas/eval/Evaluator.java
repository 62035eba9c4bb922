package io.hwnas.eval;

import java.util.List;

/**
 * Evaluates a batch of candidates (the Jenetics {@code Evaluator} seam): in this JVM, on Spark
 * executors, or from a table. Returns one result per candidate, failures included, in any order.
 */
public interface Evaluator {

    List<EvaluationResult> evaluate(List<Candidate> candidates);
}
