package io.hwnas.transform;

import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureCounts;

import java.util.Optional;

/**
 * Decides whether {@link Collapse} keeps an exact rewrite. Exactness is not the same as being
 * cheaper: collapsing a MobileNetV2 linear bottleneck into the next block's expansion is exact but
 * multiplies that layer's MACs, so a deployment may want to veto such steps.
 */
@FunctionalInterface
public interface RewritePolicy {

    /** Why {@code step} should not be applied to {@code before}, or empty to apply it. */
    Optional<String> veto(Architecture before, TransformResult step);

    static RewritePolicy any() {
        return (before, step) -> Optional.empty();
    }

    /** Keeps only rewrites that do not increase the network's MACs. */
    static RewritePolicy macsNotIncreased() {
        return (before, step) -> {
            long was = ArchitectureCounts.of(before).macs();
            long now = ArchitectureCounts.of(step.architecture()).macs();
            return now > was ? Optional.of("would raise the network's MACs from " + was + " to " + now)
                    : Optional.empty();
        };
    }
}
