package io.hwnas.tabular;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hwnas.io.Mappers;
import io.hwnas.space.Choice;
import io.hwnas.space.Dimension;
import io.hwnas.space.SearchSpace;
import io.hwnas.space.SpaceCapability;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TabularSpaceTest {

    private static final ObjectMapper YAML = Mappers.strictYaml();

    private static SearchSpace parse(String yaml) throws Exception {
        try {
            return YAML.readValue(yaml, SearchSpace.class);
        } catch (JsonMappingException e) {
            // what a config loader does: report the space's own message
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof IllegalArgumentException iae) {
                    throw iae;
                }
            }
            throw e;
        }
    }

    @Test
    void configDeclaresDimensionsAndTheTable() throws Exception {
        SearchSpace s = parse("""
                type: tabular
                table: examples/tabular/t.csv
                dimensions:
                  - {name: op1, options: [conv3x3, skip, none]}
                  - {name: width, options: [0.5, 1.0]}
                """);
        TabularSpace t = (TabularSpace) s;
        assertEquals("tabular", t.type());
        assertEquals(List.of(new Dimension("op1", List.of("conv3x3", "skip", "none")),
                new Dimension("width", List.of("0.5", "1.0"))), t.dimensions());
        assertEquals(BigInteger.valueOf(6), t.size());
        assertEquals(Set.of(SpaceCapability.TABLE), t.kind().capabilities());
        assertEquals(Path.of("examples/tabular/t.csv"), t.lookupTable());
        assertEquals("{op1=skip, width=1.0}", t.describe(Choice.of(1, 1)).toString());
        UnsupportedOperationException none = assertThrows(UnsupportedOperationException.class,
                () -> t.decode(Choice.of(0, 0)));
        assertTrue(none.getMessage().contains("examples/tabular/t.csv"), none.getMessage());
        ObjectMapper json = Mappers.json();
        assertEquals(t, json.readValue(json.writeValueAsString(t), SearchSpace.class), "provenance JSON reads back");
    }

    @Test
    void aRelativeTableIsResolvedAgainstTheConfigDirectoryAnAbsoluteOrUriOneIsKept() {
        List<Dimension> dims = List.of(new Dimension("a", List.of("x")));
        Path configDir = Path.of("/data/configs");
        assertEquals(Path.of("/data/configs/tables/t.csv"),
                new TabularSpace(dims, "tables/t.csv").relativeTo(configDir).lookupTable());
        assertEquals(Path.of("/data/tables/t.csv"),
                new TabularSpace(dims, "../tables/t.csv").relativeTo(configDir).lookupTable());
        assertEquals(Path.of("bench/tables/t.csv"),
                new TabularSpace(dims, "tables/t.csv").relativeTo(Path.of("bench")).lookupTable());
        for (String kept : List.of("/srv/t.csv", "hdfs://namenode:8020/nas/t.csv", "file:/srv/t.csv")) {
            assertEquals(kept, new TabularSpace(dims, kept).relativeTo(configDir).table(), kept);
        }
    }

    @Test
    void invalidConfigsNameTheField() {
        assertMessage("field 'dimensions' must list at least one dimension", "type: tabular\ntable: t.csv\n");
        assertMessage("field 'table' is required", "type: tabular\ndimensions: [{name: a, options: [x]}]\n");
        assertMessage("field 'dimensions' declares 'a' twice",
                "type: tabular\ntable: t.csv\ndimensions: [{name: a, options: [x]}, {name: a, options: [y]}]\n");
        assertMessage("dimension 'a' has no options", "type: tabular\ntable: t.csv\ndimensions: [{name: a}]\n");
    }

    private static void assertMessage(String expected, String yaml) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(yaml));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
