package io.hwnas.hw;

import io.hwnas.arch.Architecture;
import io.hwnas.arch.zoo.ReferenceNetworks;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The bundled profiles as they were in format 2 (test resources {@code io/hwnas/hw/format2/}) against their format 3
 * files: the same numbers, the same sourced fields, and to the last bit the same estimates.
 */
class Format2ProfilesTest {
    private static final List<String> NETS = List.of("mobilenet_v2", "resnet18_mini", "efficientnet_lite0",
            "convnext_t_mini");

    @TempDir
    Path dir;

    static List<String> devices() {
        return DeviceProfiles.knownIds();
    }

    @ParameterizedTest
    @MethodSource("devices")
    void theFormat2OriginalIsTheBundledProfile(String id) throws IOException {
        DeviceProfile original = format2(id);
        DeviceProfile bundled = DeviceProfiles.load(id);
        assertEquals(List.of(bundled.id(), bundled.description(), bundled.kind(), bundled.dataType(), bundled.compute(),
                bundled.memory(), bundled.overheads(), bundled.fusion(), bundled.activations()), List.of(original.id(),
                original.description(), original.kind(), original.dataType(), original.compute(), original.memory(),
                original.overheads(), original.fusion(), original.activations()));
        // the texts differ only where they name fields, which now have their format 3 paths
        assertEquals(bundled.sources().keySet(), original.sources().keySet());
        assertEquals(bundled.estimatedFields(), original.estimatedFields());
    }

    @ParameterizedTest
    @MethodSource("devices")
    void estimatesAreIdenticalAtEveryPrecision(String id) throws IOException {
        DeviceProfile original = format2(id);
        DeviceProfile bundled = DeviceProfiles.load(id);
        for (String net : NETS) {
            Architecture a = ReferenceNetworks.byName(net);
            for (Precision p : bundled.compute().macsPerCycle().keySet()) {
                assertEquals(new AnalyticalCostModel(original.withDataType(p)).estimate(a),
                        new AnalyticalCostModel(bundled.withDataType(p)).estimate(a), id + " " + net + " " + p);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("devices")
    void aWrittenFormat2ProfileReadsBackEqual(String id) throws IOException {
        DeviceProfile original = format2(id);
        Path file = dir.resolve(id + ".yaml");
        DeviceProfiles.write(original, file);
        assertEquals(original, DeviceProfiles.load(file));
    }

    private static DeviceProfile format2(String id) throws IOException {
        String path = "io/hwnas/hw/format2/" + id + ".yaml";
        try (InputStream in = Format2ProfilesTest.class.getClassLoader().getResourceAsStream(path)) {
            assertNotNull(in, path);
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(Format2Profiles.FORMAT + "", yaml.lines().filter(l -> l.startsWith("format:")).findFirst()
                    .orElseThrow().substring("format:".length()).strip(), path);
            return DeviceProfiles.parse(yaml, path);
        }
    }
}
