package io.hwnas.io;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonTypeIdResolver;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.util.ClassUtil;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one reader of the YAML users write (sweep and HANT configs, device profiles): YAML bound strictly to
 * records ({@link Mappers#strictYaml()}), and every problem one {@link BadInputException} line naming the
 * source, the dotted path of the field ({@code training.epochs}, {@code space.stages[1].channels}), the value
 * and what is allowed, e.g. {@code bad.yaml: field 'kind' = 'tpu' is not one of cpu, npu, gpu (line 4)}.
 *
 * <p>Records reject values in their constructors with messages that start {@code field '<name>'}, the name
 * relative to the record; the path of the record is put in front of it here.
 */
public final class StrictYaml {
    private static final ObjectMapper YAML = Mappers.strictYaml();
    private static final Set<Class<?>> INTEGERS = Set.of(int.class, Integer.class, long.class, Long.class,
            short.class, Short.class, byte.class, Byte.class);
    private static final Set<Class<?>> NUMBERS = Set.of(double.class, Double.class, float.class, Float.class);
    private static final String FIELD = "field '";
    private static final Pattern QUOTED = Pattern.compile("Cannot coerce String value \\(\"(.*)\"\\) to");

    private StrictYaml() {
    }

    /** {@code yaml} bound to {@code type}; {@code source} (a file name, say) starts every error message. */
    public static <T> T read(String yaml, Class<T> type, String source) {
        requireContent(yaml, source);
        try {
            return YAML.readValue(yaml, type);
        } catch (JsonProcessingException e) {
            throw describe(source, e);
        }
    }

    /** {@code yaml} as a tree, for readers that look at a document before binding it (its format version, say). */
    public static JsonNode readTree(String yaml, String source) {
        requireContent(yaml, source);
        try {
            return YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw describe(source, e);
        }
    }

    /** A tree bound to {@code type} as strictly as {@link #read}; messages carry no line numbers. */
    public static <T> T bind(JsonNode tree, Class<T> type, String source) {
        try {
            return YAML.treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            throw describe(source, e);
        }
    }

    /**
     * A record's complaint about one of its fields, {@code field 'name' …}, with the name made a path below
     * {@code path}: {@code field 'path.name' …}. A name that already repeats the end of the path continues it
     * ({@code search} and {@code search.evaluations} give {@code search.evaluations}). Other messages are returned
     * as {@code path: message}.
     */
    public static String qualify(String path, String message) {
        if (path.isEmpty()) {
            return message;
        }
        int end = message.indexOf('\'', FIELD.length());
        if (!message.startsWith(FIELD) || end < 0) {
            return path + ": " + message;
        }
        return FIELD + join(path, message.substring(FIELD.length(), end)) + message.substring(end);
    }

    private static String join(String path, String field) {
        List<String> outer = List.of(path.split("\\."));
        List<String> inner = List.of(field.split("\\."));
        for (int overlap = Math.min(outer.size(), inner.size()); overlap > 0; overlap--) {
            if (continues(outer.subList(outer.size() - overlap, outer.size()), inner.subList(0, overlap))) {
                List<String> before = outer.subList(0, outer.size() - overlap);
                return before.isEmpty() ? field : String.join(".", before) + "." + field;
            }
        }
        return path + "." + field;
    }

    /** Whether field segments name the path's: the same, or one of a list's elements ({@code xs} and {@code xs[1]}). */
    private static boolean continues(List<String> path, List<String> field) {
        for (int i = 0; i < path.size(); i++) {
            if (!field.get(i).equals(path.get(i)) && !field.get(i).startsWith(path.get(i) + "[")) {
                return false;
            }
        }
        return true;
    }

    private static void requireContent(String yaml, String source) {
        if (yaml == null || yaml.isBlank()) {
            throw new BadInputException(source + ": the YAML is empty");
        }
    }

    private static BadInputException describe(String source, JsonProcessingException e) {
        return new BadInputException(source + ": " + message(e), e);
    }

    private static String message(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            // no line: a record's properties are buffered, so the parser is at the end of the object by now
            return "unknown field '" + path(u) + "' (allowed: " + allowed(u.getKnownPropertyIds()) + ")";
        }
        if (e instanceof InvalidFormatException f) {
            return invalid(f);
        }
        if (e instanceof InvalidTypeIdException t) {
            return typeId(t);
        }
        if (e instanceof ValueInstantiationException v) {
            return qualify(path(v), rootMessage(v));
        }
        if (e instanceof MismatchedInputException m) {
            String original = m.getOriginalMessage() == null ? "" : m.getOriginalMessage();
            // what FAIL_ON_NULL_FOR_PRIMITIVES reports for a number or flag that is missing or null
            if (original.startsWith("Cannot map `null`")) {
                return FIELD + path(m) + "' is required";
            }
            // a quoted number or flag, refused by the coercion settings of the strict mapper
            Matcher quoted = QUOTED.matcher(original);
            if (quoted.lookingAt() && m.getTargetType() != null) {
                return FIELD + path(m) + "' = '" + quoted.group(1) + "' " + expected(m.getTargetType())
                        + parenthesisedLine(m);
            }
            return FIELD + path(m) + "': " + firstLine(original) + parenthesisedLine(m);
        }
        if (e instanceof JsonMappingException m) {
            return qualify(path(m), rootMessage(m));
        }
        return "malformed YAML: " + malformed(e);
    }

    /** A value (or the key of a map keyed by names) that cannot become the field's type. */
    private static String invalid(InvalidFormatException e) {
        Class<?> target = e.getTargetType();
        String path = path(e);
        if (e.getOriginalMessage().startsWith("Cannot deserialize Map key")) {
            String allowed = target.isEnum() ? "allowed: " + enumValues(target) : "not a valid " + target.getSimpleName();
            return "unknown field '" + path + "." + e.getValue() + "' (" + allowed + line(e) + ")";
        }
        return FIELD + path + "' = '" + e.getValue() + "' " + expected(target) + describeCause(e) + parenthesisedLine(e);
    }

    private static String expected(Class<?> target) {
        if (target.isEnum()) {
            return "is not one of " + enumValues(target);
        }
        if (INTEGERS.contains(target)) {
            return "is not an integer";
        }
        if (NUMBERS.contains(target)) {
            return "is not a number";
        }
        return target == boolean.class || target == Boolean.class ? "is not true or false"
                : "is not a valid " + target.getSimpleName();
    }

    /** An unknown or missing {@code type} of a polymorphic section (a space), with the allowed ones. */
    private static String typeId(InvalidTypeIdException e) {
        Class<?> base = e.getBaseType().getRawClass();
        JsonTypeInfo info = base.getAnnotation(JsonTypeInfo.class);
        String property = info == null || info.property().isEmpty() ? "type" : info.property();
        String p = path(e);
        String field = p.isEmpty() ? property : p + "." + property;
        String known = knownTypeIds(base);
        String allowed = known == null ? "" : " (allowed: " + known + ")";
        return e.getTypeId() == null ? "field '" + field + "' is required" + allowed
                : "field '" + field + "' = '" + e.getTypeId() + "' is not a known type" + allowed;
    }

    /** A polymorphic base's type ids, comma-separated: listed in {@code @JsonSubTypes} or known to its id resolver. */
    private static String knownTypeIds(Class<?> base) {
        JsonSubTypes subtypes = base.getAnnotation(JsonSubTypes.class);
        if (subtypes != null) {
            return Arrays.stream(subtypes.value()).map(JsonSubTypes.Type::name).collect(Collectors.joining(", "));
        }
        JsonTypeIdResolver resolver = base.getAnnotation(JsonTypeIdResolver.class);
        return resolver == null ? null : ClassUtil.createInstance(resolver.value(), true).getDescForKnownTypeIds();
    }

    /** The parser's complaint without SnakeYAML's multi-line excerpt, with where it is. */
    private static String malformed(JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        String first = message.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse(message);
        JsonLocation at = e.getLocation();
        return at == null || at.getLineNr() < 1 ? first : first + " (line " + at.getLineNr() + ", column "
                + at.getColumnNr() + ")";
    }

    /** The names YAML spells an enum's constants with ({@code @JsonValue} ids where the enum has them), in order. */
    private static String enumValues(Class<?> type) {
        return Arrays.stream(type.getEnumConstants()).map(c -> YAML.convertValue(c, String.class))
                .collect(Collectors.joining(", "));
    }

    private static String describeCause(InvalidFormatException e) {
        Throwable root = e.getCause();
        return root != null && root.getMessage() != null ? " (" + root.getMessage() + ")" : "";
    }

    /** {@code ; line N} where the parser knows the line, for appending inside parentheses. */
    private static String line(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        return at == null || at.getLineNr() < 1 ? "" : "; line " + at.getLineNr();
    }

    /** {@code  (line N)} where the parser knows the line. */
    private static String parenthesisedLine(JsonProcessingException e) {
        String line = line(e);
        return line.isEmpty() ? "" : " (" + line.substring(2) + ")";
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
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

    private static String firstLine(String s) {
        String line = s == null ? "" : s.lines().findFirst().orElse("");
        // Jackson's hint at a setting users cannot change
        return line.replaceAll(" \\(but (could|might) if coercion[^)]*\\)", "");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t instanceof JsonProcessingException j ? j.getOriginalMessage() : t.getMessage();
    }
}
