package io.hwnas.spark.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.hwnas.hant.ChainNetwork;
import io.hwnas.hant.TeacherSpec;

/**
 * A HANT {@link ChainNetwork} as its teacher spec: everything else (the layer slots and their shapes)
 * is derived from the spec by the constructor, which the receiver runs again.
 */
public final class ChainNetworkSerializer extends Serializer<ChainNetwork> {

    public ChainNetworkSerializer() {
        setImmutable(true);
        setAcceptsNull(false);
    }

    @Override
    public void write(Kryo kryo, Output output, ChainNetwork network) {
        kryo.writeObject(output, network.spec());
    }

    @Override
    public ChainNetwork read(Kryo kryo, Input input, Class<ChainNetwork> type) {
        return new ChainNetwork(kryo.readObject(input, TeacherSpec.class));
    }
}
