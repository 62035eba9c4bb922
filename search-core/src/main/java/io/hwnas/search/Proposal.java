package io.hwnas.search;

import io.hwnas.eval.Fidelity;
import io.hwnas.space.Choice;

/**
 * A point a strategy wants evaluated.
 *
 * @param fidelity a reduced training budget (successive halving), or null for the configured one
 */
public record Proposal(Choice choice, Fidelity fidelity) {

    public Proposal {
        if (choice == null) {
            throw new IllegalArgumentException("a proposal needs a choice");
        }
    }

    public static Proposal of(Choice choice) {
        return new Proposal(choice, null);
    }
}
