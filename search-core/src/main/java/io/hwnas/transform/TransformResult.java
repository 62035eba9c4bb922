package io.hwnas.transform;

import io.hwnas.arch.Architecture;

import java.util.ArrayList;
import java.util.List;

/**
 * A rewritten architecture, the mapping from the source's parameters to its parameters, and the
 * rewrites applied (in order).
 */
public record TransformResult(Architecture architecture, WeightMapper weights, List<Rewrite> rewrites) {

    public TransformResult {
        if (architecture == null) {
            throw new IllegalArgumentException("field 'architecture' is required");
        }
        if (weights == null) {
            throw new IllegalArgumentException("field 'weights' is required");
        }
        rewrites = List.copyOf(rewrites);
    }

    /** No rewrite: the architecture itself with identity weights. */
    public static TransformResult unchanged(Architecture arch) {
        return new TransformResult(arch, WeightMapper.identity(), List.of());
    }

    static TransformResult single(Architecture arch, WeightMapper weights, Rewrite rewrite) {
        return new TransformResult(arch, weights, List.of(rewrite));
    }

    /** This result followed by {@code next}, which must have been computed on this result's architecture. */
    public TransformResult then(TransformResult next) {
        List<Rewrite> all = new ArrayList<>(rewrites);
        all.addAll(next.rewrites);
        return new TransformResult(next.architecture, weights.andThen(next.weights), all);
    }

    /** This result followed by applying {@code transform} at {@code at} on it. */
    public TransformResult then(Transform transform, String at) {
        return then(transform.apply(architecture, at));
    }
}
