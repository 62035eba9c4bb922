package io.hwnas.space;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import io.hwnas.arch.ArchitectureCounts;
import io.hwnas.io.Mappers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.File;
import java.lang.reflect.Executable;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The registry holds every space class search-core compiles, and each kind is what it says: its help
 * documents exactly the config keys its JSON creator takes, and its example config binds to a space
 * of this kind with the capabilities it declares.
 */
class SpaceKindsTest {
    private static final Path REPO = Path.of("..");

    static Stream<SpaceKind> kinds() {
        return SpaceKinds.all().stream();
    }

    @Test
    void everySpaceClassIsRegisteredOnceInTypeOrder() throws Exception {
        List<Class<?>> spaces = new ArrayList<>();
        for (String name : compiledClassNames()) {
            Class<?> c = Class.forName(name, false, SearchSpace.class.getClassLoader());
            if (SearchSpace.class.isAssignableFrom(c) && !c.isInterface() && !Modifier.isAbstract(c.getModifiers())) {
                spaces.add(c);
            }
        }
        assertFalse(spaces.isEmpty());
        assertEquals(Set.copyOf(spaces), Set.copyOf(SpaceKinds.all().stream().map(SpaceKind::spaceClass).toList()));
        for (Class<?> c : spaces) {
            assertSame(c, SpaceKinds.of(c.asSubclass(SearchSpace.class)).spaceClass());
        }
        List<String> types = SpaceKinds.types();
        assertEquals(types.stream().sorted().toList(), types);
        assertEquals(types.size(), Set.copyOf(types).size());
        types.forEach(t -> assertEquals(t, SpaceKinds.find(t).orElseThrow().type()));
        assertTrue(SpaceKinds.find("nasbench").isEmpty());
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void helpDocumentsExactlyTheCreatorsKeys(SpaceKind kind) {
        assertEquals(creatorKeys(kind.spaceClass()), new TreeSet<>(kind.help().keys().keySet()), kind.type());
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void exampleIsASpaceOfThisKindWithItsCapabilities(SpaceKind kind) throws Exception {
        Path example = REPO.resolve(kind.help().example());
        JsonNode config = Mappers.strictYaml().readTree(Files.readString(example));
        SearchSpace space = Mappers.strictYaml().treeToValue(config.get("space"), SearchSpace.class);
        assertSame(kind.spaceClass(), space.getClass(), example.toString());
        assertSame(kind, space.kind());
        assertEquals(kind.type(), space.type());

        // provenance: the JSON form names the type and reads back as the same space
        String json = Mappers.json().writeValueAsString(space);
        assertEquals(kind.type(), Mappers.json().readTree(json).get("type").asText(), json);
        assertEquals(space, Mappers.json().readValue(json, SearchSpace.class), json);

        for (SpaceCapability c : SpaceCapability.values()) {
            assertEquals(kind.capabilities().contains(c), space.has(c), c.name());
        }
        if (space.has(SpaceCapability.NETWORKS)) {
            Choice baseline = space.baseline();
            assertTrue(ArchitectureCounts.of(space.decode(baseline)).macs() > 0, kind.type());
            assertTrue(ArchitectureCounts.of(space.deploy(baseline).architecture()).macs() > 0, kind.type());
        } else {
            assertThrows(UnsupportedOperationException.class, () -> space.decode(space.baseline()));
        }
        if (space.has(SpaceCapability.TABLE)) {
            Path table = space.relativeTo(example.getParent()).lookupTable();
            assertTrue(Files.isRegularFile(table), "the table, relative to the example: " + table);
        } else {
            assertThrows(UnsupportedOperationException.class, space::lookupTable);
        }
    }

    @Test
    void anUnknownOrMissingTypeNamesTheRegisteredOnes() {
        InvalidTypeIdException unknown = assertThrows(InvalidTypeIdException.class,
                () -> Mappers.strictYaml().readValue("type: nasbench\n", SearchSpace.class));
        assertEquals("nasbench", unknown.getTypeId());
        assertTrue(unknown.getMessage().contains(String.join(", ", SpaceKinds.types())), unknown.getMessage());
        InvalidTypeIdException missing = assertThrows(InvalidTypeIdException.class,
                () -> Mappers.strictYaml().readValue("classes: 10\n", SearchSpace.class));
        assertNull(missing.getTypeId());
    }

    /** Every class search-core compiled ({@code io.hwnas.space.RanISpace$Kind}), from its class directory. */
    private static List<String> compiledClassNames() throws Exception {
        Path root = Path.of(SearchSpace.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.isDirectory(root), root + " is not a class directory");
        try (Stream<Path> files = Files.walk(root)) {
            return files.map(f -> root.relativize(f).toString()).filter(f -> f.endsWith(".class"))
                    .map(f -> f.substring(0, f.length() - ".class".length()).replace(File.separatorChar, '.'))
                    .toList();
        }
    }

    /** The keys a space's JSON creator takes. */
    private static Set<String> creatorKeys(Class<?> type) {
        List<Executable> creators = new ArrayList<>();
        creators.addAll(Arrays.asList(type.getDeclaredMethods()));
        creators.addAll(Arrays.asList(type.getDeclaredConstructors()));
        Executable creator = creators.stream().filter(m -> m.isAnnotationPresent(JsonCreator.class)).findFirst()
                .orElseThrow(() -> new AssertionError(type + " has no @JsonCreator"));
        Set<String> keys = new TreeSet<>();
        for (Parameter p : creator.getParameters()) {
            keys.add(p.getAnnotation(JsonProperty.class).value());
        }
        return keys;
    }
}
