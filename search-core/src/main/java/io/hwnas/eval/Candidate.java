package io.hwnas.eval;

import io.hwnas.arch.Architecture;
import io.hwnas.space.Choice;
import io.hwnas.space.SearchSpace;
import io.hwnas.space.Seeds;

import java.io.Serializable;
import java.util.Map;

/**
 * A concrete architecture to evaluate. It carries its decoded network, so executors need neither
 * the space nor the config, and its own seed (see {@link Seeds}).
 *
 * @param description dimension name → chosen option, for result files
 */
public record Candidate(int id, int generation, Choice choice, Map<String, String> description,
                        Architecture architecture, long seed) implements Serializable {

    public Candidate {
        if (id < 0) {
            throw new IllegalArgumentException("candidate id " + id + " must be >= 0");
        }
        description = Map.copyOf(description);
    }

    public static Candidate of(SearchSpace space, Choice choice, int id, int generation, long runSeed) {
        return new Candidate(id, generation, choice, space.describe(choice), space.decode(choice),
                Seeds.derive(runSeed, generation, id));
    }
}
