package io.hwnas.arch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hwnas.io.Mappers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** JSON reading and writing of architectures with one shared, canonical mapper (sorted keys). */
public final class ArchitectureJson {
    private static final ObjectMapper MAPPER = Mappers.canonicalJson();

    private ArchitectureJson() {
    }

    public static String write(Architecture arch) {
        try {
            return MAPPER.writeValueAsString(arch);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String writePretty(Architecture arch) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(arch);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses an architecture; errors name the JSON path and the problem. */
    public static Architecture read(String json) {
        try {
            return MAPPER.readValue(json, Architecture.class);
        } catch (JsonMappingException e) {
            throw new ArchitectureException("invalid architecture JSON at " + path(e) + node(json, e) + ": "
                    + rootMessage(e), e);
        } catch (JsonProcessingException e) {
            throw new ArchitectureException("malformed architecture JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static Architecture read(Path file) {
        try {
            return read(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read architecture file " + file, e);
        }
    }

    /** " (node 'id')" when the error lies inside nodes[i] and that node has an id, so users find it by name. */
    private static String node(String json, JsonMappingException e) {
        List<JsonMappingException.Reference> path = e.getPath();
        if (path.size() < 2 || !"nodes".equals(path.get(0).getFieldName()) || path.get(1).getIndex() < 0) {
            return "";
        }
        try {
            JsonNode id = MAPPER.readTree(json).path("nodes").path(path.get(1).getIndex()).path("id");
            return id.isTextual() ? " (node '" + id.asText() + "')" : "";
        } catch (JsonProcessingException unreadable) {
            return "";
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder("$");
        for (JsonMappingException.Reference r : e.getPath()) {
            sb.append(r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]");
        }
        return sb.toString();
    }

    /** The first message hwnas wrote itself (it names the node), else the root cause's. */
    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && !(t instanceof ArchitectureException)) {
            t = t.getCause();
        }
        return t instanceof JsonProcessingException j ? j.getOriginalMessage() : t.getMessage();
    }
}
