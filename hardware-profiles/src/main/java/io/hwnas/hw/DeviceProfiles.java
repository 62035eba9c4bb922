package io.hwnas.hw;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.hwnas.arch.ActivationType;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Finds and reads device profiles. Bundled profiles live at {@code io/hwnas/hw/devices/<id>.yaml} on the class
 * path and are listed in {@code io/hwnas/hw/devices/index.txt} (adding a device = adding a YAML file and a
 * line there); any other profile can be read from a file. Every error names the file, the field and the value.
 */
public final class DeviceProfiles {
    static final String RESOURCE_DIR = "io/hwnas/hw/devices/";
    private static final String INDEX = RESOURCE_DIR + "index.txt";

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.USE_GETTERS_AS_SETTERS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
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
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, origin);
        } catch (IOException e) {
            throw new DeviceProfileException(origin + ": cannot read the file (" + e.getMessage() + ")", e);
        }
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

    /** A profile from YAML text; {@code origin} names it in error messages. */
    public static DeviceProfile parse(String yaml, String origin) {
        try {
            return checked(YAML.readValue(yaml, DeviceProfile.class), origin);
        } catch (IOException | RuntimeException e) {
            throw describe(origin, e);
        }
    }

    /** A profile from a YAML stream; {@code origin} names it in error messages. The stream is not closed. */
    public static DeviceProfile read(InputStream in, String origin) {
        try {
            return checked(YAML.readValue(in, DeviceProfile.class), origin);
        } catch (IOException | RuntimeException e) {
            throw describe(origin, e);
        }
    }

    /**
     * The profile in its YAML file form (format {@value DeviceProfile#FORMAT}), e.g. to save a calibrated
     * profile; {@link #parse} reads it back to an equal profile.
     */
    public static String toYaml(DeviceProfile p) {
        Map<String, Object> y = new LinkedHashMap<>();
        y.put("format", DeviceProfile.FORMAT);
        y.put("id", p.id());
        y.put("description", p.description());
        y.put("kind", p.kind().id());
        y.put("clockHz", p.clockHz());
        y.put("dataType", p.dataType().id());
        y.put("macsPerCycle", byId(p.macsPerCycle(), Precision::id));
        y.put("memoryBandwidthBytesPerSecond", p.memoryBandwidthBytesPerSecond());
        y.put("weightBandwidthBytesPerSecond", p.weightBandwidthBytesPerSecond());
        y.put("onChipMemoryBytes", p.onChipMemoryBytes());
        y.put("weightsOnChip", p.weightsOnChip());
        y.put("perInferenceOverheadSeconds", p.perInferenceOverheadSeconds());
        y.put("perLayerOverheadSeconds", p.perLayerOverheadSeconds());
        if (!p.layerOverheadSeconds().isEmpty()) {
            y.put("layerOverheadSeconds", p.layerOverheadSeconds());
        }
        y.put("channelAlignment", Map.of("input", p.channelAlignment().input(), "output", p.channelAlignment().output()));
        y.put("efficiency", byId(p.efficiency(), OpClass::id));
        y.put("elementOpsPerCycle", p.elementOpsPerCycle());
        y.put("activations", byId(p.activations(), ActivationType::id, ActivationSupport::id));
        if (!p.activationElementsPerCycle().isEmpty()) {
            y.put("activationElementsPerCycle", byId(p.activationElementsPerCycle(), ActivationType::id));
        }
        y.put("nativeElementsPerCycle", p.nativeElementsPerCycle());
        y.put("lutElementsPerCycle", p.lutElementsPerCycle());
        y.put("fallbackElementsPerSecond", p.fallbackElementsPerSecond());
        y.put("fallbackTransferSeconds", p.fallbackTransferSeconds());
        y.values().removeIf(Objects::isNull);
        y.put("fusion", Map.of("bnIntoConv", p.fusion().bnIntoConv(), "activationIntoConv", p.fusion().activationIntoConv()));
        y.put("sources", p.sources());
        try {
            return YAML.writeValueAsString(y);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write profile " + p.id() + " as YAML", e);
        }
    }

    private static <K, V> Map<String, V> byId(Map<K, V> map, Function<K, String> id) {
        return byId(map, id, v -> v);
    }

    private static <K, V, W> Map<String, W> byId(Map<K, V> map, Function<K, String> id, Function<V, W> value) {
        Map<String, W> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(id.apply(k), value.apply(v)));
        return out;
    }

    private static DeviceProfile readBundled(String id) {
        String path = RESOURCE_DIR + id + ".yaml";
        try (InputStream in = resource(path)) {
            if (in == null) {
                throw new DeviceProfileException(path + ": listed in " + INDEX + " but missing from the class path");
            }
            DeviceProfile p = read(in, path);
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

    private static DeviceProfile checked(DeviceProfile p, String origin) {
        if (p == null) {
            throw new DeviceProfileException(origin + ": the file is empty");
        }
        return p;
    }

    /** Turns whatever went wrong into one message: file, field, value, line. */
    static DeviceProfileException describe(String origin, Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DeviceProfileException d) {
                // thrown while building the profile from its parsed fields: the parser's line is the end of
                // the object, not the field's, so it is left out
                return new DeviceProfileException(origin + ": " + d.getMessage(), e);
            }
        }
        if (e instanceof UnrecognizedPropertyException u) {
            String allowed = u.getKnownPropertyIds() == null ? "" : " (allowed: " + String.join(", ",
                    u.getKnownPropertyIds().stream().map(String::valueOf).collect(Collectors.toCollection(TreeSet::new)))
                    + ")";
            return new DeviceProfileException(origin + ": unknown field '" + path(u) + "'" + line(u) + allowed, e);
        }
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            return new DeviceProfileException(origin + ": field '" + path(m) + "' has an unusable value" + line(m) + ": "
                    + firstLine(m.getOriginalMessage()).replace(" (but could if coercion was enabled using `CoercionConfig`)",
                    ""), e);
        }
        if (e instanceof JsonProcessingException p) {
            return new DeviceProfileException(origin + ": not a valid profile YAML" + line(p) + ": "
                    + firstLine(p.getOriginalMessage()), e);
        }
        return new DeviceProfileException(origin + ": " + e.getMessage(), e);
    }

    private static String path(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (b.length() > 0) {
                    b.append('.');
                }
                b.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }

    private static String line(Exception e) {
        if (e instanceof JsonProcessingException p) {
            JsonLocation loc = p.getLocation();
            if (loc != null && loc.getLineNr() > 0) {
                return " (line " + loc.getLineNr() + ")";
            }
        }
        return "";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
