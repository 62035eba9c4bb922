package io.hwnas.hant;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/** One phase-3 task: assemble the net with op {@code ops.get(i)} in layer i, fine-tune it from {@code seed}. */
public record FineTuneUnit(int id, List<Op> ops, long seed) implements Serializable {

    public FineTuneUnit {
        if (ops == null || ops.isEmpty() || ops.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("field 'ops' needs one op per layer");
        }
        ops = List.copyOf(ops);
    }
}
