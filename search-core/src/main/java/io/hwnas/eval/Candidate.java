package io.hwnas.eval;

import io.hwnas.arch.Architecture;
import io.hwnas.space.Choice;
import io.hwnas.space.SearchSpace;
import io.hwnas.space.Seeds;

import java.io.Serializable;
import java.util.Map;

/**
 * A concrete architecture to evaluate. It carries both of its forms, so executors need neither the
 * space nor the config, and its own seed (see {@link Seeds}).
 *
 * @param description dimension name → chosen option, for result files
 * @param architecture the training-time form, which is trained
 * @param deployed the form that ships (collapsed, folded), which is counted and costed; computes
 *     the same function as {@code architecture} (see {@link SearchSpace#deploy})
 */
public record Candidate(int id, int generation, Choice choice, Map<String, String> description,
                        Architecture architecture, Architecture deployed, long seed) implements Serializable {

    public Candidate {
        if (id < 0) {
            throw new IllegalArgumentException("candidate id " + id + " must be >= 0");
        }
        description = Map.copyOf(description);
        if (architecture == null || deployed == null) {
            throw new IllegalArgumentException("candidate " + id + " needs both its training-time and deployed forms");
        }
    }

    public static Candidate of(SearchSpace space, Choice choice, int id, int generation, long runSeed) {
        return new Candidate(id, generation, choice, space.describe(choice), space.decode(choice),
                space.deploy(choice).architecture(), Seeds.derive(runSeed, generation, id));
    }
}
