package io.hwnas.search;

import io.hwnas.eval.EvaluationResult;

import java.util.List;

/**
 * @param results every evaluation in candidate-id order, failures and lower fidelities included
 * @param current per distinct point its highest-fidelity result: what fronts are taken over
 * @param batches search quality after each batch
 */
public record SearchOutcome(List<EvaluationResult> results, List<EvaluationResult> current, List<BatchRecord> batches) {

    public SearchOutcome {
        results = List.copyOf(results);
        current = List.copyOf(current);
        batches = List.copyOf(batches);
    }
}
