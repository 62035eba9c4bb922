package io.hwnas.transform;

import io.hwnas.arch.Architecture;

import java.util.List;

/**
 * The deployed form of an architecture: the collapsed architecture, the weight mapping from the
 * training-time parameters, the rewrites applied, and the matched places left alone because the
 * rewrite would not have been exact there.
 */
public record CollapseResult(TransformResult result, List<Refusal> refusals) {

    public CollapseResult {
        if (result == null) {
            throw new IllegalArgumentException("field 'result' is required");
        }
        refusals = List.copyOf(refusals);
    }

    public Architecture architecture() {
        return result.architecture();
    }

    public WeightMapper weights() {
        return result.weights();
    }

    public List<Rewrite> applied() {
        return result.rewrites();
    }
}
