package io.hwnas.hant;

import io.hwnas.io.Sha256;
import io.hwnas.transform.Parameters;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;

/**
 * A trained teacher as it travels to executors: the network and its weights, plus a content hash so
 * executors can cache what they derive from it (its feature maps) and never confuse two teachers.
 */
public record TeacherSnapshot(ChainNetwork network, Parameters params, String id) implements Serializable {

    public TeacherSnapshot {
        if (network == null || params == null) {
            throw new IllegalArgumentException("fields 'network' and 'params' are required");
        }
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("field 'id' is required");
        }
    }

    public static TeacherSnapshot of(ChainNetwork network, Parameters params) {
        return new TeacherSnapshot(network, params, hash(network, params));
    }

    private static String hash(ChainNetwork network, Parameters params) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
             ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(network.spec());
            out.writeObject(params);
            out.flush();
            return Sha256.hex(bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hash the teacher", e);
        }
    }
}
