package io.hwnas.space;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.annotation.JsonTypeIdResolver;
import io.hwnas.arch.Architecture;
import io.hwnas.transform.Collapse;
import io.hwnas.transform.CollapseResult;

import java.io.Serializable;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * A codec between choices and architectures (the Jenetics {@code Codec} idea): a space is a list
 * of categorical dimensions, and {@link #decode} turns one point into a validated IR network. Every
 * concrete space only has to say what its dimensions are and how to decode; sampling, enumeration,
 * neighbourhoods and sizes follow from the dimensions. A space with a constraint (a budget) says so
 * in {@link #violation}; every point it hands out (sampled, enumerated, neighbour) satisfies it.
 *
 * <p>A decoded net is the <em>training-time</em> form; {@link #deploy} gives the form that ships
 * (collapsed linear blocks, merged branches, folded batch-norm), which cost models and MAC counts use.
 *
 * <p>In configs a space is an object whose {@code type} names its {@link SpaceKind}; the kinds
 * come from the {@link SpaceKinds} registry, so this interface lists none of them.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.CUSTOM, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type")
@JsonTypeIdResolver(SpaceTypeIdResolver.class)
public interface SearchSpace extends Serializable {

    /** The kind this space is, from the registry by class (test spaces that are not registered override it). */
    default SpaceKind kind() {
        return SpaceKinds.of(getClass());
    }

    /** The kind's short id such as {@code activation}: the config's {@code space.type}. */
    @JsonProperty("type")
    default String type() {
        return kind().type();
    }

    /** Whether this space's kind declares {@code capability}: ask this, never the class, what the points are. */
    default boolean has(SpaceCapability capability) {
        return kind().capabilities().contains(capability);
    }

    List<Dimension> dimensions();

    /** The architecture this choice describes; must be deterministic. */
    Architecture decode(Choice choice);

    /**
     * Why {@code choice} breaks a constraint of this space (RepNAS' branch budget, say), or empty
     * when it is admissible. Only called on choices with one in-range gene per dimension.
     */
    default Optional<String> violation(Choice choice) {
        return Optional.empty();
    }

    /** The table whose rows are this space's points, for a kind with {@link SpaceCapability#TABLE}. */
    default Path lookupTable() {
        throw new UnsupportedOperationException("the " + type() + " space is not looked up in a table");
    }

    /**
     * This space with the files it names resolved against {@code configDir}, the directory of the
     * config file naming them, so a config means the same files whatever directory hwnas runs in. By
     * default a space names no files and is returned as is.
     */
    default SearchSpace relativeTo(Path configDir) {
        return this;
    }

    /** The reference point strategies start from and results compare against; by default option 0 everywhere. */
    default Choice baseline() {
        return new Choice(Collections.nCopies(dimensions().size(), 0));
    }

    /**
     * The deployed form of this choice with the mapping from training-time weights: by default every
     * exact collapse that does not raise MACs ({@link Collapse#deployment()}).
     */
    default CollapseResult deploy(Choice choice) {
        return Collapse.deployment().apply(decode(choice));
    }

    /** The number of points ignoring constraints (an upper bound for a constrained space). */
    default BigInteger size() {
        BigInteger n = BigInteger.ONE;
        for (Dimension d : dimensions()) {
            n = n.multiply(BigInteger.valueOf(d.size()));
        }
        return n;
    }

    /** Checks that the choice has one valid gene per dimension and satisfies the space's constraints. */
    default Choice validate(Choice choice) {
        List<Dimension> dims = dimensions();
        if (choice.genes().size() != dims.size()) {
            throw new IllegalArgumentException("choice " + choice + " has " + choice.genes().size()
                    + " genes, the " + type() + " space has " + dims.size() + " dimensions");
        }
        for (int i = 0; i < dims.size(); i++) {
            if (choice.gene(i) >= dims.get(i).size()) {
                throw new IllegalArgumentException("choice " + choice + ": gene for '" + dims.get(i).name() + "' = "
                        + choice.gene(i) + " is out of range (" + dims.get(i).size() + " options)");
            }
        }
        Optional<String> why = violation(choice);
        if (why.isPresent()) {
            throw new IllegalArgumentException("choice " + choice + " is not admissible in the " + type() + " space: "
                    + why.get());
        }
        return choice;
    }

    /**
     * A uniform point of the unconstrained grid. Spaces with a constraint override this to sample
     * admissible points directly: rejection would almost never succeed under a tight budget.
     */
    default Choice sample(RandomGenerator rng) {
        List<Dimension> dims = dimensions();
        List<Integer> genes = new ArrayList<>(dims.size());
        for (Dimension d : dims) {
            genes.add(rng.nextInt(d.size()));
        }
        return new Choice(genes);
    }

    /** All admissible points in mixed-radix order (last dimension fastest). */
    default Iterator<Choice> enumerate() {
        Iterator<Choice> grid = grid();
        return new Iterator<>() {
            private Choice next = advance();

            private Choice advance() {
                while (grid.hasNext()) {
                    Choice c = grid.next();
                    if (violation(c).isEmpty()) {
                        return c;
                    }
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Choice next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                Choice current = next;
                next = advance();
                return current;
            }
        };
    }

    private Iterator<Choice> grid() {
        List<Dimension> dims = dimensions();
        return new Iterator<>() {
            private int[] next = new int[dims.size()];

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Choice next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                Choice current = Choice.of(next.clone());
                int i = dims.size() - 1;
                while (i >= 0 && ++next[i] == dims.get(i).size()) {
                    next[i--] = 0;
                }
                if (i < 0) {
                    next = null;
                }
                return current;
            }
        };
    }

    /**
     * The admissible points that differ from {@code choice} in exactly one dimension (ActNAS'
     * one-layer-at-a-time moves).
     */
    default List<Choice> neighbours(Choice choice) {
        validate(choice);
        List<Choice> out = new ArrayList<>();
        List<Dimension> dims = dimensions();
        for (int i = 0; i < dims.size(); i++) {
            for (int o = 0; o < dims.get(i).size(); o++) {
                if (o != choice.gene(i)) {
                    Choice moved = choice.with(i, o);
                    if (violation(moved).isEmpty()) {
                        out.add(moved);
                    }
                }
            }
        }
        return out;
    }

    /** Dimension name → chosen option, for result files and logs. */
    default Map<String, String> describe(Choice choice) {
        validate(choice);
        Map<String, String> out = new LinkedHashMap<>();
        List<Dimension> dims = dimensions();
        for (int i = 0; i < dims.size(); i++) {
            out.put(dims.get(i).name(), dims.get(i).options().get(choice.gene(i)));
        }
        return out;
    }
}
