package io.hwnas.hw;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hwnas.io.AtomicFiles;
import io.hwnas.io.BadInputException;
import io.hwnas.io.Mappers;
import io.hwnas.io.StrictYaml;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Finds, reads and writes device profiles. Bundled profiles live at {@code io/hwnas/hw/devices/<id>.yaml} on the
 * class path and are listed in {@code io/hwnas/hw/devices/index.txt} (adding a device = adding a YAML file and a
 * line there); any other profile can be read from a file. Files of format {@value DeviceProfile#FORMAT} bind
 * directly; format 2 files are moved into format 3 form first. Every error names the file, the field and the value.
 */
public final class DeviceProfiles {
    static final String RESOURCE_DIR = "io/hwnas/hw/devices/";
    private static final String INDEX = RESOURCE_DIR + "index.txt";
    private static final Map<String, DeviceProfile> BUNDLED = new ConcurrentHashMap<>();

    private DeviceProfiles() {
    }

    /** Ids of the bundled profiles, in index order. */
    public static List<String> knownIds() {
        try (InputStream in = resource(INDEX)) {
            if (in == null) {
                throw new IllegalStateException("class path has no " + INDEX);
            }
            List<String> ids = new ArrayList<>();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String id = line.strip();
                if (!id.isEmpty() && !id.startsWith("#")) {
                    ids.add(id);
                }
            }
            return List.copyOf(ids);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + INDEX, e);
        }
    }

    /**
     * A bundled profile by id.
     *
     * @throws DeviceProfileException for an unknown id (listing the known ones) or an invalid bundled file
     */
    public static DeviceProfile load(String id) {
        List<String> known = knownIds();
        if (id == null || !known.contains(id)) {
            throw new DeviceProfileException("unknown device '" + id + "' (known: " + String.join(", ", known)
                    + "; or give the path of a profile YAML file)");
        }
        return BUNDLED.computeIfAbsent(id, DeviceProfiles::readBundled);
    }

    /** A profile from a YAML file. */
    public static DeviceProfile load(Path file) {
        String origin = file.toString();
        String yaml;
        try {
            yaml = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DeviceProfileException(origin + ": cannot read the file (" + e.getMessage() + ")", e);
        }
        return parse(yaml, origin);
    }

    /** A bundled id if there is one by that name, else a path to a YAML file. */
    public static DeviceProfile resolve(String idOrPath) {
        if (idOrPath != null && knownIds().contains(idOrPath)) {
            return load(idOrPath);
        }
        Path p = idOrPath == null ? null : Path.of(idOrPath);
        if (p != null && Files.isRegularFile(p)) {
            return load(p);
        }
        throw new DeviceProfileException("unknown device '" + idOrPath + "': neither a known id (" + String.join(", ",
                knownIds()) + ") nor a readable file");
    }

    /** A profile from YAML text of format {@value DeviceProfile#FORMAT} or 2; {@code origin} names it in error messages. */
    public static DeviceProfile parse(String yaml, String origin) {
        JsonNode document = checked(() -> StrictYaml.readTree(yaml, origin), "");
        if (!(document instanceof ObjectNode fields)) {
            throw new DeviceProfileException(origin + ": not a device profile (a YAML mapping of fields, starting "
                    + "with 'format: " + DeviceProfile.FORMAT + "')");
        }
        if (format(fields.get("format"), origin) == DeviceProfile.FORMAT) {
            // the text itself binds when it is complete, so that errors keep their line numbers
            return HardSigmoidDefault.fill(fields) ? checked(() -> StrictYaml.bind(fields, DeviceProfile.class, origin), "")
                    : checked(() -> StrictYaml.read(yaml, DeviceProfile.class, origin), "");
        }
        ObjectNode moved = Format2Profiles.toFormat3(fields, origin);
        HardSigmoidDefault.fill(moved);
        return checked(() -> StrictYaml.bind(moved, DeviceProfile.class, origin), " (a format 2 file: its fields are "
                + "checked under their format " + DeviceProfile.FORMAT + " paths, see hardware-profiles/README.md)");
    }

    /**
     * Writes a profile as a format {@value DeviceProfile#FORMAT} YAML file (a calibrated profile, an upgraded one),
     * replacing {@code file} only once all of it is written; {@link #load(Path)} reads it back to an equal profile.
     */
    public static void write(DeviceProfile profile, Path file) {
        try {
            AtomicFiles.writeString(file, Mappers.yamlWriter().writeValueAsString(profile));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write profile " + profile.id() + " as YAML", e);
        }
    }

    private static int format(JsonNode format, String origin) {
        if (format != null && format.isInt()
                && (format.intValue() == DeviceProfile.FORMAT || format.intValue() == Format2Profiles.FORMAT)) {
            return format.intValue();
        }
        throw new DeviceProfileException(origin + ": field 'format' " + (format == null ? "is required"
                : "= " + format + " is not supported") + " (this version reads " + DeviceProfile.FORMAT + " and "
                + Format2Profiles.FORMAT + "; the fields are listed in hardware-profiles/README.md, 'Profile format')");
    }

    /** What the YAML reader rejects, as this module's exception, with {@code note} appended to the message. */
    private static <T> T checked(Supplier<T> read, String note) {
        try {
            return read.get();
        } catch (BadInputException e) {
            throw new DeviceProfileException(e.getMessage() + note, e);
        }
    }

    private static DeviceProfile readBundled(String id) {
        String path = RESOURCE_DIR + id + ".yaml";
        try (InputStream in = resource(path)) {
            if (in == null) {
                throw new DeviceProfileException(path + ": listed in " + INDEX + " but missing from the class path");
            }
            DeviceProfile p = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), path);
            if (!p.id().equals(id)) {
                throw new DeviceProfileException(path + ": field 'id' = '" + p.id() + "' must match the file name '" + id + "'");
            }
            return p;
        } catch (IOException e) {
            throw new DeviceProfileException(path + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static InputStream resource(String path) {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        InputStream in = cl == null ? null : cl.getResourceAsStream(path);
        return in != null ? in : DeviceProfiles.class.getClassLoader().getResourceAsStream(path);
    }
}
