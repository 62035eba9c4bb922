package io.hwnas.spark.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.hwnas.arch.ArchitectureException;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.Node;
import io.hwnas.arch.Shape;

import java.util.ArrayList;
import java.util.List;

/**
 * An {@link Architecture} as its name, input shape and nodes; the receiver rebuilds it with the public
 * constructor, which re-validates the graph and re-infers the shapes. That ships less than the inferred
 * shape and index maps, and keeps the class's invariants without Kryo writing its final fields behind
 * the constructor's back.
 */
public final class ArchitectureSerializer extends Serializer<Architecture> {

    public ArchitectureSerializer() {
        setImmutable(true);
        setAcceptsNull(false);
    }

    @Override
    public void write(Kryo kryo, Output output, Architecture architecture) {
        output.writeString(architecture.name());
        kryo.writeObject(output, architecture.input());
        List<Node> nodes = architecture.nodes();
        output.writeVarInt(nodes.size(), true);
        for (Node node : nodes) {
            kryo.writeObject(output, node);
        }
    }

    @Override
    public Architecture read(Kryo kryo, Input input, Class<Architecture> type) {
        String name = input.readString();
        Shape shape = kryo.readObject(input, Shape.class);
        int count = input.readVarInt(true);
        List<Node> nodes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            nodes.add(kryo.readObject(input, Node.class));
        }
        try {
            return new Architecture(name, shape, nodes);
        } catch (ArchitectureException e) {
            throw new KryoException("architecture '" + name + "' read back is invalid: " + e.getMessage(), e);
        }
    }
}
