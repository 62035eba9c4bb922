package io.hwnas.io;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.util.List;

/**
 * The one place hwnas makes Jackson mappers. A mapper is thread-safe once built and costly to build, so each
 * flavour exists once; callers take readers and writers from it and never reconfigure it.
 */
public final class Mappers {
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final ObjectMapper CANONICAL_JSON = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // otherwise "outChannels": 16.5 silently becomes 16
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();
    private static final ObjectMapper STRICT_YAML = buildStrictYaml();
    private static final ObjectWriter YAML_WRITER = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.USE_NATIVE_TYPE_ID)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            // MINIMIZE_QUOTES would leave a string like "1.0" bare, to be read back as a number
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            // a long text stays one line rather than a quoted one continued with backslashes
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .build().writer();
    private static final CsvMapper CSV = new CsvMapper();

    private Mappers() {
    }

    /** Plain JSON: run files, journals, manifests, provenance. */
    public static ObjectMapper json() {
        return JSON;
    }

    /** Plain JSON, indented for files people read. */
    public static ObjectWriter prettyJson() {
        return JSON.writerWithDefaultPrettyPrinter();
    }

    /**
     * JSON with properties and map entries in sorted order and strict reading, so equal values give equal bytes
     * (architecture files, fingerprints).
     */
    public static ObjectMapper canonicalJson() {
        return CANONICAL_JSON;
    }

    /**
     * YAML as users write it, read strictly: a key given twice, an unknown key, a fraction for an integer and a
     * quoted number are errors rather than guesses.
     */
    public static ObjectMapper strictYaml() {
        return STRICT_YAML;
    }

    /**
     * YAML for files people read and edit (device profiles): no document marker, quotes only where YAML needs
     * them; {@link #strictYaml()} reads it back to equal values.
     */
    public static ObjectWriter yamlWriter() {
        return YAML_WRITER;
    }

    /** CSV (result tables, latency tables, tabular benchmark tables). */
    public static CsvMapper csv() {
        return CSV;
    }

    private static ObjectMapper buildStrictYaml() {
        YAMLMapper m = YAMLMapper.builder()
                // a key given twice is a mistake in one of the two places, not a choice of the last
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.USE_GETTERS_AS_SETTERS)
                .build();
        for (LogicalType t : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
            m.coercionConfigFor(t).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        return m;
    }
}
