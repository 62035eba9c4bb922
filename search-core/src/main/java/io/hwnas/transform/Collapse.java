package io.hwnas.transform;

import io.hwnas.arch.Architecture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Rewrites a training-time architecture into its deployed form by applying exact transforms until
 * none applies. Each rewrite removes at least one node, so the loop ends. Transforms are tried in
 * the given order and the scan restarts after every rewrite, so cheap local rewrites (no-op
 * removal, batch-norm folding) run before the ones that look at whole blocks.
 */
public final class Collapse {
    private static final Logger LOG = LoggerFactory.getLogger(Collapse.class);

    private final List<Transform> transforms;
    private final RewritePolicy policy;

    public Collapse(List<Transform> transforms, RewritePolicy policy) {
        if (transforms == null || transforms.isEmpty()) {
            throw new IllegalArgumentException("field 'transforms' is empty");
        }
        if (policy == null) {
            throw new IllegalArgumentException("field 'policy' is required");
        }
        this.transforms = List.copyOf(transforms);
        this.policy = policy;
    }

    /**
     * Every exact rewrite: blocks trained collapsed to their convs, no-op removal, batch-norm folding, sequential
     * collapse, branch merge.
     */
    public static Collapse exact() {
        return new Collapse(List.of(new TrainedCollapse(), new NoOpRemoval(), new BatchNormFold(),
                new SequentialCollapse(), new BranchMerge()), RewritePolicy.any());
    }

    /**
     * How sweeps derive the deployed form: every exact rewrite that does not raise MACs. The veto
     * keeps, e.g., MobileNetV2's linear bottleneck from being merged into the next expansion.
     */
    public static Collapse deployment() {
        return exact().withPolicy(RewritePolicy.macsNotIncreased());
    }

    /** The same transforms, keeping only the rewrites {@code newPolicy} allows. */
    public Collapse withPolicy(RewritePolicy newPolicy) {
        return new Collapse(transforms, newPolicy);
    }

    public CollapseResult apply(Architecture arch) {
        return apply(TransformResult.unchanged(arch));
    }

    /** Continues from rewrites already made (a space's targeted merges) until no transform applies. */
    public CollapseResult apply(TransformResult start) {
        TransformResult result = start;
        while (true) {
            List<Refusal> refusals = new ArrayList<>();
            TransformResult next = step(result.architecture(), refusals);
            if (next == null) {
                LOG.debug("collapsed '{}' with {} rewrites; {} refused", start.architecture().name(), result.rewrites().size(),
                        refusals.size());
                return new CollapseResult(result, refusals);
            }
            result = result.then(next);
        }
    }

    private TransformResult step(Architecture arch, List<Refusal> refusals) {
        for (Transform t : transforms) {
            for (String anchor : t.anchors(arch)) {
                TransformResult step;
                try {
                    step = t.apply(arch, anchor);
                } catch (TransformException e) {
                    refusals.add(new Refusal(t.name(), anchor, e.getMessage()));
                    continue;
                }
                Optional<String> veto = policy.veto(arch, step);
                if (veto.isEmpty()) {
                    return step;
                }
                refusals.add(new Refusal(t.name(), anchor, "node '" + anchor + "': " + veto.get()));
            }
        }
        return null;
    }
}
