package io.hwnas.transform;

import io.hwnas.arch.Architecture;
import io.hwnas.arch.BatchNorm;
import io.hwnas.arch.Node;

import java.util.ArrayList;
import java.util.List;

/**
 * One input of an add traced upstream through linear layers (conv, depthwise, avg-pool,
 * batch-norm) that nothing else reads. Where the trace stops is the branch's source; parallel
 * branches of one block share it. An empty chain is an identity branch.
 *
 * @param chain node ids from the source side to the add side
 */
record Branch(String output, List<String> chain, String source) {

    Branch {
        chain = List.copyOf(chain);
    }

    static Branch trace(Architecture arch, Readers readers, String tensor, String add) {
        List<String> chain = new ArrayList<>();
        String cur = tensor;
        String reader = add;
        while (!cur.equals(Node.INPUT)) {
            Node n = arch.node(cur);
            boolean linear = LinearOp.isLinear(n) || n.layer() instanceof BatchNorm;
            if (!linear || !readers.onlyReadBy(cur, reader)) {
                break;
            }
            chain.add(0, cur);
            reader = cur;
            cur = n.inputs().get(0);
        }
        return new Branch(tensor, chain, cur);
    }

    static List<Branch> traceAll(Architecture arch, String add) {
        Readers readers = Readers.of(arch);
        return arch.node(add).inputs().stream().map(in -> trace(arch, readers, in, add)).toList();
    }

    boolean identity() {
        return chain.isEmpty();
    }
}
