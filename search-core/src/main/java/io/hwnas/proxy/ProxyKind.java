package io.hwnas.proxy;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The training-free proxies hwnas computes, by the name used in configs and result columns. */
public enum ProxyKind {
    /** log|det K_H| of the activation-pattern kernel (Mellor et al., NASWOT). */
    NASWOT,
    /** Σ|θ ⊙ ∂R/∂θ| with |θ| weights and an all-ones input (Tanaka et al., SynFlow). */
    SYNFLOW,
    /** L2 norm of the loss gradient on one minibatch. */
    GRAD_NORM,
    /** Elements passing through a non-linearity in one forward pass (RAN-i's expressivity count). */
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
