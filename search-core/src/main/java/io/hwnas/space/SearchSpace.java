package io.hwnas.space;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.hwnas.arch.Architecture;

import java.io.Serializable;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.random.RandomGenerator;

/**
 * A codec between choices and architectures (the Jenetics {@code Codec} idea): a space is a list
 * of categorical dimensions, and {@link #decode} turns one point into a validated IR network. Every
 * concrete space only has to say what its dimensions are and how to decode; sampling, enumeration,
 * neighbourhoods and sizes follow from the dimensions.
 *
 * <p>In configs a space is an object whose {@code type} names the implementation.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(value = ActivationSpace.class, name = ActivationSpace.TYPE)})
public interface SearchSpace extends Serializable {

    /** A short id such as {@code activation}. */
    String type();

    List<Dimension> dimensions();

    /** The architecture this choice describes; must be deterministic. */
    Architecture decode(Choice choice);

    default BigInteger size() {
        BigInteger n = BigInteger.ONE;
        for (Dimension d : dimensions()) {
            n = n.multiply(BigInteger.valueOf(d.size()));
        }
        return n;
    }

    /** Checks that the choice has one valid gene per dimension. */
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
        return choice;
    }

    default Choice sample(RandomGenerator rng) {
        List<Dimension> dims = dimensions();
        List<Integer> genes = new ArrayList<>(dims.size());
        for (Dimension d : dims) {
            genes.add(rng.nextInt(d.size()));
        }
        return new Choice(genes);
    }

    /** All points in mixed-radix order (last dimension fastest). */
    default Iterator<Choice> enumerate() {
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

    /** The points that differ from {@code choice} in exactly one dimension (ActNAS' one-layer-at-a-time moves). */
    default List<Choice> neighbours(Choice choice) {
        validate(choice);
        List<Choice> out = new ArrayList<>();
        List<Dimension> dims = dimensions();
        for (int i = 0; i < dims.size(); i++) {
            for (int o = 0; o < dims.get(i).size(); o++) {
                if (o != choice.gene(i)) {
                    out.add(choice.with(i, o));
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
