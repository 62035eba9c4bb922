package io.hwnas.hant;

import io.hwnas.arch.Shape;

import java.io.Serializable;
import java.util.Optional;

/**
 * Where one searchable layer sits in the chain: the tensor shape it reads and the one it must produce,
 * whatever op fills it.
 */
public record LayerSlot(int index, Shape input, Shape output, int stride, Op teacherOp) implements Serializable {

    public LayerSlot {
        if (index < 0) {
            throw new IllegalArgumentException("field 'index' = " + index + " must be >= 0");
        }
        if (input == null || output == null || !input.spatial() || !output.spatial()) {
            throw new IllegalArgumentException("layer " + index + ": input " + input + " and output " + output
                    + " must be C×H×W feature maps");
        }
        if (teacherOp == null) {
            throw new IllegalArgumentException("layer " + index + ": field 'teacherOp' is required");
        }
    }

    /** Node ids of this layer's op start with this, so its nodes (and weights) can be told apart. */
    public String prefix() {
        return "l" + index + ".";
    }

    /** Why {@code op} cannot fill this layer (including a different output shape); empty if it can. */
    public Optional<String> misfit(Op op) {
        Optional<String> reason = op.misfit(input, output.channels(), stride);
        if (reason.isPresent()) {
            return reason;
        }
        if (op.kind() == OpKind.IDENTITY) {
            return Optional.empty();
        }
        // an op with another padding rule would change the resolution the next layer sees
        io.hwnas.arch.Architecture alone = ChainNetwork.fragmentArchitecture(this, op);
        Shape produced = alone.shape(alone.output().id());
        return produced.equals(output) ? Optional.empty()
                : Optional.of("op '" + op.name() + "' gives " + produced + ", the layer must give " + output);
    }
}
