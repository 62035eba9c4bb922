package io.hwnas.space;

import java.io.Serializable;
import java.util.List;

/** One point of a search space: for each dimension, the index of the chosen option. */
public record Choice(List<Integer> genes) implements Serializable {

    public Choice {
        genes = List.copyOf(genes);
        for (int i = 0; i < genes.size(); i++) {
            if (genes.get(i) < 0) {
                throw new IllegalArgumentException("gene " + i + " = " + genes.get(i) + " must be >= 0");
            }
        }
    }

    public static Choice of(int... genes) {
        return new Choice(java.util.Arrays.stream(genes).boxed().toList());
    }

    public int gene(int dimension) {
        return genes.get(dimension);
    }

    public Choice with(int dimension, int option) {
        Integer[] copy = genes.toArray(Integer[]::new);
        copy[dimension] = option;
        return new Choice(List.of(copy));
    }

    @Override
    public String toString() {
        return genes.toString();
    }
}
