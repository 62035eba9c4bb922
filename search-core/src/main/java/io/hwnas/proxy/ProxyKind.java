package io.hwnas.proxy;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The training-free proxies hwnas computes, by the name used in configs and result columns. All are
 * computed on the untrained net as {@link ProxyScorer} builds it from the candidate's seed; higher
 * is meant to predict higher trained accuracy.
 */
public enum ProxyKind {
    /**
     * log det K_H of the activation-pattern kernel (Mellor et al., NASWOT) on one minibatch, in
     * inference mode; −∞ when the kernel is singular (inputs the net cannot tell apart, or no
     * non-linear unit at all). See {@link Naswot}.
     */
    NASWOT,
    /**
     * ln Σ|θ ⊙ ∂R/∂θ| over the weights, with |θ| weights, an all-ones input and R the sum of the
     * pre-softmax outputs (Tanaka et al., SynFlow). Natural log, because the raw sum spans dozens
     * of orders of magnitude; batch-norm in eval mode. See {@link SynFlow}.
     */
    SYNFLOW,
    /** L2 norm of the gradient of the mean cross-entropy on one minibatch, over all trainable parameters. */
    GRAD_NORM,
    /** Elements passing through a non-linearity in one forward pass at batch 1 (RAN-i's expressivity count). */
    NONLINEAR_UNITS;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(ProxyKind::id).toList();
    }

    public static ProxyKind byName(String name) {
        return Arrays.stream(values()).filter(k -> k.id().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown proxy '" + name + "'; known: " + names()));
    }
}
