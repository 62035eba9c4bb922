package io.hwnas.spark.config;

import io.hwnas.data.FashionMnist;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every sweep config under examples/ reads, validates and resolves as `hwnas sweep` would read it: most examples
 * only run in the tests shrunk or not at all, and an example a user copies must not fail at its first line.
 */
class ExampleConfigsTest {

    /** Configs of other commands: {@code hwnas hant} reads hant.yaml. */
    private static final List<String> NOT_SWEEPS = List.of("hant.yaml");
    /** The super-resolution examples' {@code data.path}. */
    private static final String SR_PHOTOS = "/usr/lib/python3/dist-packages/skimage/data";

    @Test
    void everyExampleSweepConfigPlans() throws IOException {
        // planning checks the data each example reads; scripts/setup installs both
        assumeTrue(Files.isDirectory(Path.of(FashionMnist.DEFAULT_DIRECTORY)), "Fashion-MNIST not installed");
        assumeTrue(Files.isDirectory(Path.of(SR_PHOTOS)), "scikit-image's photographs not installed");
        List<Path> configs;
        try (Stream<Path> files = Files.list(Path.of("..", "examples"))) {
            configs = files.filter(p -> p.toString().endsWith(".yaml"))
                    .filter(p -> !NOT_SWEEPS.contains(p.getFileName().toString())).sorted().toList();
        }
        assertTrue(configs.size() >= 15, "examples found: " + configs);
        for (Path config : configs) {
            SweepPlan plan = SweepConfigLoader.loadPlan(config);
            String name = config.getFileName().toString();
            assertEquals(name.substring(0, name.length() - ".yaml".length()), plan.config().name(),
                    "an example is named after its file");
            assertFalse(plan.goal().objectives().isEmpty(), name);
        }
    }
}
