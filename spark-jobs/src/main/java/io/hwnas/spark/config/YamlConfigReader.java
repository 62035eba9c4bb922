package io.hwnas.spark.config;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import io.hwnas.io.Mappers;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Strict YAML → record binding: unknown keys, wrong types and values the records reject become a
 * {@link ConfigException} whose message starts with the dotted path of the field
 * ({@code training.epochs}, {@code space.stages[1].channels}).
 */
public final class YamlConfigReader {
    private static final ObjectMapper YAML = Mappers.strictYaml();

    private YamlConfigReader() {
    }

    public static <T> T read(String yaml, Class<T> type, String source) {
        if (yaml == null || yaml.isBlank()) {
            throw new ConfigException(source + ": the configuration is empty");
        }
        try {
            return YAML.readValue(yaml, type);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(source + ": unknown key '" + e.getPropertyName() + "' at " + where(e)
                    + " (allowed: " + allowed(e.getKnownPropertyIds()) + ")", e);
        } catch (InvalidFormatException e) {
            throw new ConfigException(source + ": field '" + path(e) + "' = '" + e.getValue() + "' is not a valid "
                    + e.getTargetType().getSimpleName() + describeCause(e), e);
        } catch (InvalidTypeIdException e) {
            throw new ConfigException(source + ": " + typeId(e), e);
        } catch (ValueInstantiationException e) {
            throw new ConfigException(source + ": " + prefix(e) + rootMessage(e), e);
        } catch (MismatchedInputException e) {
            throw new ConfigException(source + ": field '" + path(e) + "': " + e.getOriginalMessage(), e);
        } catch (JsonMappingException e) {
            throw new ConfigException(source + ": " + prefix(e) + rootMessage(e), e);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source + ": malformed YAML: " + malformed(e), e);
        }
    }

    /** An unknown or missing {@code type} of a polymorphic section (a space), with the allowed ones. */
    private static String typeId(InvalidTypeIdException e) {
        Class<?> base = e.getBaseType().getRawClass();
        JsonTypeInfo info = base.getAnnotation(JsonTypeInfo.class);
        String property = info == null || info.property().isEmpty() ? "type" : info.property();
        String p = path(e);
        String field = p.isEmpty() ? property : p + "." + property;
        JsonSubTypes subtypes = base.getAnnotation(JsonSubTypes.class);
        String allowed = subtypes == null ? "" : " (allowed: " + Arrays.stream(subtypes.value())
                .map(JsonSubTypes.Type::name).collect(Collectors.joining(", ")) + ")";
        return e.getTypeId() == null ? "field '" + field + "' is required" + allowed
                : "field '" + field + "' = '" + e.getTypeId() + "' is not a known type" + allowed;
    }

    /** The parser's complaint without SnakeYAML's multi-line excerpt, with where it is. */
    private static String malformed(JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        String first = message.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse(message);
        JsonLocation at = e.getLocation();
        return at == null || at.getLineNr() < 1 ? first : first + " (line " + at.getLineNr() + ", column "
                + at.getColumnNr() + ")";
    }

    private static String describeCause(InvalidFormatException e) {
        Throwable root = e.getCause();
        return root != null && root.getMessage() != null ? " (" + root.getMessage() + ")" : "";
    }

    private static String prefix(JsonMappingException e) {
        String p = path(e);
        return p.isEmpty() ? "" : p + ": ";
    }

    private static String where(JsonMappingException e) {
        List<JsonMappingException.Reference> refs = e.getPath();
        if (refs.size() <= 1) {
            return "top level";
        }
        return "'" + path(refs.subList(0, refs.size() - 1)) + "'";
    }

    static String path(JsonMappingException e) {
        return path(e.getPath());
    }

    private static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String allowed(Collection<Object> known) {
        return new TreeSet<>(known.stream().map(String::valueOf).toList()).stream().collect(Collectors.joining(", "));
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t instanceof JsonProcessingException j ? j.getOriginalMessage() : t.getMessage();
    }
}
