package io.hwnas.arch;

import io.hwnas.io.Sha256;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SHA-256 of the canonical JSON of an architecture with its name dropped and node ids replaced by
 * their positions ("n0", "n1", ...). Two architectures with the same layers wired the same way, in
 * the same order, therefore share a fingerprint whatever they are called; this is the key results
 * are cached and de-duplicated by.
 */
public final class Fingerprint {
    private Fingerprint() {
    }

    public static String of(Architecture arch) {
        Map<String, String> renamed = new HashMap<>();
        renamed.put(Node.INPUT, Node.INPUT);
        List<Node> canonical = new ArrayList<>(arch.nodes().size());
        for (Node n : arch.nodes()) {
            List<String> inputs = n.inputs().stream().map(renamed::get).toList();
            String id = "n" + canonical.size();
            renamed.put(n.id(), id);
            canonical.add(new Node(id, n.layer(), inputs));
        }
        String json = ArchitectureJson.write(new Architecture("_", arch.input(), canonical));
        return Sha256.hex(json);
    }
}
