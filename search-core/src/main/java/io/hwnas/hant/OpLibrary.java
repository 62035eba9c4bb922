package io.hwnas.hant;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The alternatives HANT tries in every layer. A layer's candidates are the teacher's own op first (so the
 * teacher is always a feasible answer) and then each alternative that fits the layer's shapes.
 */
public record OpLibrary(List<Op> alternatives) implements Serializable {

    public OpLibrary {
        if (alternatives == null || alternatives.isEmpty()) {
            throw new IllegalArgumentException("field 'alternatives' must list at least one op");
        }
        Set<Op> seen = new HashSet<>();
        for (int i = 0; i < alternatives.size(); i++) {
            Op op = alternatives.get(i);
            if (op == null) {
                throw new IllegalArgumentException("field 'alternatives[" + i + "]' is empty");
            }
            if (!seen.add(op)) {
                throw new IllegalArgumentException("field 'alternatives[" + i + "]' = '" + op.name() + "' is listed twice");
            }
        }
        alternatives = List.copyOf(alternatives);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static OpLibrary of(List<Op> alternatives) {
        return new OpLibrary(alternatives);
    }

    @JsonValue
    public List<Op> alternatives() {
        return alternatives;
    }

    /** Teacher op first, then the fitting alternatives in the configured order, without repeats. */
    public List<Op> candidates(LayerSlot slot) {
        List<Op> out = new ArrayList<>();
        out.add(slot.teacherOp());
        for (Op op : alternatives) {
            if (!out.contains(op) && slot.misfit(op).isEmpty()) {
                out.add(op);
            }
        }
        return List.copyOf(out);
    }

    /** Fails naming the first alternative that fits no layer of {@code network}: most likely a config mistake. */
    public void requireEachFits(ChainNetwork network) {
        for (int i = 0; i < alternatives.size(); i++) {
            Op op = alternatives.get(i);
            boolean fits = network.slots().stream().anyMatch(s -> s.misfit(op).isEmpty());
            if (!fits) {
                throw new IllegalArgumentException("field 'alternatives[" + i + "]' = '" + op.name()
                        + "' fits no layer of the teacher (" + network.slots().get(0).misfit(op).orElse("") + ")");
            }
        }
    }
}
