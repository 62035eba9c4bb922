package io.hwnas.space;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureException;
import io.hwnas.arch.ArchitectureJson;
import io.hwnas.arch.Node;
import io.hwnas.arch.zoo.ReferenceNetworks;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Where a space's base network comes from: a reference network by name, built for {@code input}
 * and {@code classes}, or an IR JSON file, which fixes both itself. Exactly one of
 * {@code reference} and {@code file} is set; a relative {@code file} is resolved against the
 * working directory of the process that builds the space (the driver: executors receive the
 * loaded network, not the path).
 *
 * @param classes defaults to 10 (Fashion-MNIST) for a reference; null for a file
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"reference", "input", "classes", "file"})
public record BaseNet(String reference, ImageInput input, Integer classes, String file) implements Serializable {

    public BaseNet {
        boolean byName = reference != null && !reference.isBlank();
        boolean byFile = file != null && !file.isBlank();
        if (byName == byFile) {
            throw new IllegalArgumentException("field 'base' needs exactly one of 'reference' (one of: "
                    + String.join(", ", ReferenceNetworks.names()) + ") and 'file' (an IR JSON file)"
                    + (byName ? ", not both" : ""));
        }
        if (byName) {
            // the registry's own key, so that configs naming the same network compare equal
            reference = reference.trim().toLowerCase(Locale.ROOT);
            if (!ReferenceNetworks.names().contains(reference)) {
                throw new IllegalArgumentException("field 'base.reference' = '" + reference
                        + "' is not a reference network (known: " + String.join(", ", ReferenceNetworks.names()) + ")");
            }
            if (input == null) {
                throw new IllegalArgumentException("field 'base.input' is required with 'base.reference' = '"
                        + reference + "'");
            }
            classes = classes == null ? 10 : classes;
            if (classes < 2) {
                throw new IllegalArgumentException("field 'base.classes' = " + classes + " must be >= 2");
            }
        } else if (input != null || classes != null) {
            throw new IllegalArgumentException("fields 'base.input' and 'base.classes' apply only to 'base.reference': "
                    + "the IR file '" + file + "' fixes its own input and classifier");
        }
    }

    @JsonCreator
    static BaseNet fromJson(@JsonProperty("reference") String reference, @JsonProperty("input") ImageInput input,
                            @JsonProperty("classes") Integer classes, @JsonProperty("file") String file) {
        return new BaseNet(reference, input, classes, file);
    }

    public static BaseNet reference(String name, ImageInput input, int classes) {
        return new BaseNet(name, input, classes, null);
    }

    public static BaseNet file(String path) {
        return new BaseNet(null, null, null, path);
    }

    /**
     * Builds or reads the network. Errors name the field and value; they carry the underlying
     * exception as suppressed rather than as cause, because config readers report the root cause's
     * message, which would lose the field name.
     */
    public Architecture load() {
        if (reference != null) {
            try {
                return ReferenceNetworks.byName(reference, input.toShape(), classes);
            } catch (IllegalArgumentException e) {
                throw withSuppressed(new IllegalArgumentException("field 'base' = reference '" + reference + "' for "
                        + input.channels() + "x" + input.height() + "x" + input.width() + " input: " + e.getMessage()), e);
            }
        }
        String json;
        try {
            json = Files.readString(Path.of(file));
        } catch (IOException | InvalidPathException e) {
            throw withSuppressed(new IllegalArgumentException("field 'base.file' = '" + file + "': cannot read it ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")"), e);
        }
        try {
            return ArchitectureJson.read(json);
        } catch (ArchitectureException e) {
            throw withSuppressed(new IllegalArgumentException("field 'base.file' = '" + file
                    + "' is not a valid architecture: " + e.getMessage()), e);
        }
    }

    /**
     * The refusal of a space that builds its own net and takes no base (RepNAS, HANT), for a user who points it
     * at one: names the first node of this base that {@code unsupported} matches and {@code why} the space
     * cannot take it, e.g. MobileNetV3's first depthwise conv or squeeze-excite multiply.
     *
     * @param ownNet the config fields the space builds its net from, for the message
     */
    public IllegalArgumentException refusal(String space, String ownNet, Predicate<Node> unsupported, String why) {
        Architecture net = load();
        String node = net.nodes().stream().filter(unsupported).findFirst()
                .map(n -> "node '" + n.id() + "' is " + n.op() + ", " + why + "; ").orElse("");
        return new IllegalArgumentException("field 'base' = " + (reference != null ? "reference '" + reference + "'"
                : "file '" + file + "'") + ": " + node + space + " builds its own net from " + ownNet
                + " and takes no base");
    }

    private static IllegalArgumentException withSuppressed(IllegalArgumentException e, Exception detail) {
        e.addSuppressed(detail);
        return e;
    }
}
