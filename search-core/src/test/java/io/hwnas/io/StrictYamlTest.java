package io.hwnas.io;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.hwnas.arch.ActivationType;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StrictYamlTest {

    enum Speed {
        SLOW, FAST;

        @JsonValue
        String id() {
            return name().toLowerCase();
        }
    }

    record Engine(double clockHz, long cores, boolean vector) {
        Engine {
            if (!(clockHz > 0)) {
                throw new IllegalArgumentException("field 'clockHz' = " + clockHz + " must be positive");
            }
            if (cores > 64) {
                throw new IllegalArgumentException("at most 64 cores, got " + cores);
            }
        }
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({@JsonSubTypes.Type(value = Grid.class, name = "grid"), @JsonSubTypes.Type(value = Line.class, name = "line")})
    interface Layout {
    }

    record Grid(int rows) implements Layout {
    }

    record Line(int length) implements Layout {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Machine(String name, Speed speed, Map<Speed, Double> rates, Engine engine, List<Engine> spares,
                   Layout layout, List<ActivationType> activations, String note) {
    }

    static final String VALID = """
            name: m1
            speed: fast
            rates:
              slow: 1.5
              fast: 3
            engine:
              clockHz: 1.0e+9
              cores: 4
              vector: true
            spares:
              - {clockHz: 5.0e+8, cores: 1, vector: false}
            layout: {type: grid, rows: 2}
            activations: [relu, silu]
            """;

    @Test
    void bindsRecordsEnumsByIdAndMapsKeyedByEnums() {
        Machine m = StrictYaml.read(VALID, Machine.class, "m.yaml");
        assertEquals(Speed.FAST, m.speed());
        assertEquals(Map.of(Speed.SLOW, 1.5, Speed.FAST, 3.0), m.rates());
        assertEquals(new Engine(1e9, 4, true), m.engine());
        assertEquals(new Grid(2), m.layout());
        assertEquals(List.of(ActivationType.RELU, ActivationType.SILU), m.activations());
    }

    @Test
    void theYamlWriterWritesWhatTheReaderReadsBack() throws JsonProcessingException {
        Machine m = new Machine("1.0", Speed.SLOW, new EnumMap<>(Map.of(Speed.FAST, 2.5e-9)),
                new Engine(5e8, 2, false), List.of(), new Line(3), List.of(ActivationType.GELU),
                "two\nlines: with a colon");
        String yaml = Mappers.yamlWriter().writeValueAsString(m);
        assertFalse(yaml.startsWith("---"), yaml);
        assertTrue(yaml.contains("speed: slow") && yaml.contains("fast: 2.5E-9"), yaml);
        assertEquals(m, StrictYaml.read(yaml, Machine.class, "written"));
    }

    @Test
    void unknownFieldsNameThePathAndWhatIsAllowed() {
        String top = error(VALID.replace("name: m1", "name: m1\nnmae: m2"));
        assertEquals("m.yaml: unknown field 'nmae' (allowed: activations, engine, layout, name, note, rates, spares, "
                + "speed)", top);
        String nested = error(VALID.replace("  cores: 4", "  cores: 4\n  threads: 8"));
        assertEquals("m.yaml: unknown field 'engine.threads' (allowed: clockHz, cores, vector)", nested);
        String inList = error(VALID.replace("vector: false}", "vector: false, x: 1}"));
        assertTrue(inList.startsWith("m.yaml: unknown field 'spares[0].x'"), inList);
        String key = error(VALID.replace("  fast: 3", "  fast: 3\n  warp: 9"));
        assertEquals("m.yaml: unknown field 'rates.warp' (allowed: slow, fast; line 6)", key);
    }

    @Test
    void valuesOfTheWrongKindSayWhatIsAllowed() {
        assertEquals("m.yaml: field 'speed' = 'warp' is not one of slow, fast (line 2)",
                error(VALID.replace("speed: fast", "speed: warp")));
        assertEquals("m.yaml: field 'engine.cores' = '1.5' is not an integer (line 8)",
                error(VALID.replace("cores: 4", "cores: 1.5")));
        assertEquals("m.yaml: field 'engine.clockHz' = 'fast' is not a number (line 7)",
                error(VALID.replace("clockHz: 1.0e+9", "clockHz: fast")));
        assertEquals("m.yaml: field 'engine.vector' = 'true' is not true or false (line 9)",
                error(VALID.replace("vector: true", "vector: \"true\"")));
        String shape = error(VALID.replace("  slow: 1.5\n  fast: 3", "  - 1.5"));
        assertTrue(shape.startsWith("m.yaml: field 'rates': Cannot deserialize value of type"), shape);
        assertEquals("m.yaml: field 'engine.clockHz' is required", error(VALID.replace("  clockHz: 1.0e+9\n", "")));
        assertEquals("m.yaml: field 'engine.vector' is required", error(VALID.replace("vector: true", "vector: ~")));
        // an enum with its own lenient @JsonCreator says what it allows itself
        assertEquals("m.yaml: activations[1]: unknown activation 'swoosh' (allowed: " + ActivationType.allowed() + ")",
                error(VALID.replace("[relu, silu]", "[relu, swoosh]")));
    }

    @Test
    void aRecordsOwnCheckIsReportedUnderItsPath() {
        assertEquals("m.yaml: field 'engine.clockHz' = -1.0 must be positive",
                error(VALID.replace("clockHz: 1.0e+9", "clockHz: -1")));
        assertEquals("m.yaml: field 'spares[0].clockHz' = 0.0 must be positive",
                error(VALID.replace("clockHz: 5.0e+8", "clockHz: 0")));
        assertEquals("m.yaml: engine: at most 64 cores, got 65", error(VALID.replace("cores: 4", "cores: 65")));
        assertEquals("field 'a.b' = 1", StrictYaml.qualify("a", "field 'b' = 1"));
        assertEquals("field 'b' = 1", StrictYaml.qualify("", "field 'b' = 1"));
        assertEquals("field 'search.evaluations' = 0", StrictYaml.qualify("search", "field 'search.evaluations' = 0"));
        assertEquals("field 'space.stages[1].channels' = 0",
                StrictYaml.qualify("space.stages[1]", "field 'stages[1].channels' = 0"));
        assertEquals("field 'alternatives[1]' = 'x'", StrictYaml.qualify("alternatives", "field 'alternatives[1]' = 'x'"));
        assertEquals("space: no stages", StrictYaml.qualify("space", "no stages"));
    }

    @Test
    void polymorphicSectionsListTheirTypes() {
        assertEquals("m.yaml: field 'layout.type' = 'ring' is not a known type (allowed: grid, line)",
                error(VALID.replace("type: grid", "type: ring")));
        assertEquals("m.yaml: field 'layout.type' is required (allowed: grid, line)",
                error(VALID.replace("{type: grid, rows: 2}", "{rows: 2}")));
    }

    @Test
    void malformedDuplicatedAndEmptyDocumentsAreOneLine() {
        String malformed = error("name: x\n  speed: [1\n");
        assertTrue(malformed.startsWith("m.yaml: malformed YAML: ") && malformed.contains("(line 2, column"), malformed);
        String duplicate = error(VALID + "name: m2\n");
        assertTrue(duplicate.startsWith("m.yaml: malformed YAML: Duplicate field 'name'"), duplicate);
        assertEquals("m.yaml: the YAML is empty", error(" \n"));
        for (String m : List.of(malformed, duplicate)) {
            assertFalse(m.contains("\n"), m);
        }
    }

    @Test
    void treesBindAsStrictlyAsText() {
        Machine m = StrictYaml.bind(StrictYaml.readTree(VALID, "m.yaml"), Machine.class, "m.yaml");
        assertEquals(StrictYaml.read(VALID, Machine.class, "m.yaml"), m);
        BadInputException e = assertThrows(BadInputException.class, () -> StrictYaml.bind(
                StrictYaml.readTree(VALID.replace("cores: 4", "cores: 4\n  threads: 8"), "t"), Machine.class, "t"));
        assertEquals("t: unknown field 'engine.threads' (allowed: clockHz, cores, vector)", e.getMessage());
    }

    private static String error(String yaml) {
        return assertThrows(BadInputException.class, () -> StrictYaml.read(yaml, Machine.class, "m.yaml")).getMessage();
    }
}
