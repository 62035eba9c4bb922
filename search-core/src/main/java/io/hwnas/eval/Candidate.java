package io.hwnas.eval;

import io.hwnas.io.Sha256;
import io.hwnas.arch.Architecture;
import io.hwnas.space.Choice;
import io.hwnas.space.SearchSpace;
import io.hwnas.space.Seeds;
import io.hwnas.space.SpaceCapability;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * A concrete architecture to evaluate. It carries both of its forms, so executors need neither the
 * space nor the config, and its own seed (see {@link Seeds}).
 *
 * @param description dimension name → chosen option, for result files
 * @param architecture the training-time form, which is trained; null only for a point of a tabular
 *     space, which has no network and is looked up by its description
 * @param deployed the form that ships (collapsed, folded), which is counted and costed; computes
 *     the same function as {@code architecture} (see {@link SearchSpace#deploy})
 * @param fidelity training budget asked by the strategy, or null for the configured training
 */
public record Candidate(int id, int generation, Choice choice, Map<String, String> description,
                        Architecture architecture, Architecture deployed, long seed, Fidelity fidelity)
        implements Serializable {

    public Candidate {
        if (id < 0) {
            throw new IllegalArgumentException("candidate id " + id + " must be >= 0");
        }
        description = Map.copyOf(description);
        if ((architecture == null) != (deployed == null)) {
            throw new IllegalArgumentException("candidate " + id + " needs both its training-time and deployed forms");
        }
    }

    public static Candidate of(SearchSpace space, Choice choice, int id, int generation, long runSeed) {
        return of(space, choice, id, generation, runSeed, null);
    }

    public static Candidate of(SearchSpace space, Choice choice, int id, int generation, long runSeed,
                               Fidelity fidelity) {
        long seed = Seeds.derive(runSeed, generation, id);
        if (!space.has(SpaceCapability.NETWORKS)) {
            return new Candidate(id, generation, choice, space.describe(choice), null, null, seed, fidelity);
        }
        return new Candidate(id, generation, choice, space.describe(choice), space.decode(choice),
                space.deploy(choice).architecture(), seed, fidelity);
    }

    /**
     * The architecture's fingerprint (names and node ids ignored), or for a tabular point a SHA-256
     * of its sorted description, so results are keyed the same way in both cases.
     */
    public String fingerprint() {
        if (architecture != null) {
            return architecture.fingerprint();
        }
        return Sha256.hex(new TreeMap<>(description).toString());
    }
}
