package io.hwnas.transform;

import io.hwnas.arch.Architecture;
import io.hwnas.arch.Node;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who reads each tensor of an architecture. A rewrite may only delete an intermediate tensor that
 * nothing outside the rewritten region reads; the network output counts as read from outside.
 */
final class Readers {
    /** Stands for the caller of the network, which reads the last node's output. */
    static final String OUTSIDE = "<network output>";

    private final Map<String, List<String>> readers = new HashMap<>();

    private Readers(Architecture arch) {
        for (Node n : arch.nodes()) {
            for (String in : n.inputs()) {
                readers.computeIfAbsent(in, k -> new ArrayList<>()).add(n.id());
            }
        }
        readers.computeIfAbsent(arch.output().id(), k -> new ArrayList<>()).add(OUTSIDE);
    }

    static Readers of(Architecture arch) {
        return new Readers(arch);
    }

    /** One entry per read, so a node reading a tensor twice appears twice. */
    List<String> of(String tensor) {
        return readers.getOrDefault(tensor, List.of());
    }

    /** True when {@code reader} is the only reader of {@code tensor} and reads it once. */
    boolean onlyReadBy(String tensor, String reader) {
        List<String> r = of(tensor);
        return r.size() == 1 && r.get(0).equals(reader);
    }

    /** The readers other than {@code reader}, for refusal messages. */
    List<String> othersThan(String tensor, String reader) {
        List<String> others = new ArrayList<>(of(tensor));
        others.remove(reader);
        return others;
    }
}
