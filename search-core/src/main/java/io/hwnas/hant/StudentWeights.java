package io.hwnas.hant;

import io.hwnas.transform.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Initial weights of an assembled student: the teacher's everywhere, except in layers whose op changed,
 * which take that op's distilled weights (node ids agree by construction, see {@link ChainNetwork}). Starting
 * from the distilled ops is what lets a brief fine-tune recover the teacher's accuracy.
 */
public final class StudentWeights {

    private StudentWeights() {
    }

    /**
     * @param distilled weights by {@link #key}; needed for every layer whose op is not the teacher's
     * @throws IllegalArgumentException naming the layer and op whose distilled weights are missing
     */
    public static Parameters assemble(TeacherSnapshot teacher, List<Op> ops, Map<String, Parameters> distilled) {
        ChainNetwork network = teacher.network();
        Parameters params = teacher.params();
        for (LayerSlot slot : network.slots()) {
            Op op = ops.get(slot.index());
            if (op.equals(slot.teacherOp())) {
                continue;
            }
            List<String> teacherNodes = new ArrayList<>();
            params.byNode().keySet().stream().filter(id -> id.startsWith(slot.prefix())).forEach(teacherNodes::add);
            params = params.without(teacherNodes);
            Parameters replacement = distilled.get(key(slot.index(), op));
            if (replacement == null) {
                throw new IllegalArgumentException("layer " + slot.index() + " op '" + op.name()
                        + "': no distilled weights to start from");
            }
            for (Map.Entry<String, io.hwnas.transform.NodeParams> e : replacement.byNode().entrySet()) {
                params = params.with(e.getKey(), e.getValue());
            }
        }
        return params;
    }

    /** How distilled weights are looked up: {@code <layer>:<op name>}. */
    public static String key(int layer, Op op) {
        return layer + ":" + op.name();
    }
}
