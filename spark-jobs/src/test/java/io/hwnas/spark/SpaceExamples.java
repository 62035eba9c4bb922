package io.hwnas.spark;

import io.hwnas.space.SpaceCapability;
import io.hwnas.space.SpaceKind;
import io.hwnas.space.SpaceKinds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The example configs of the registered space kinds, for tests that run every space: a new kind is in them at once. */
final class SpaceExamples {

    private SpaceExamples() {
    }

    /** The example of every kind whose points are classifiers, by name ({@code examples/<name>.yaml}). */
    static Stream<String> networkKinds() {
        return networkExamples().filter(name -> !superResolution(name));
    }

    /** The example of every kind whose points are super-resolution nets (its example sets {@code task}). */
    static Stream<String> superResolutionKinds() {
        return networkExamples().filter(SpaceExamples::superResolution);
    }

    private static Stream<String> networkExamples() {
        return SpaceKinds.all().stream().filter(k -> k.capabilities().contains(SpaceCapability.NETWORKS))
                .map(SpaceExamples::name);
    }

    private static boolean superResolution(String example) {
        try {
            return Files.readString(Path.of("..", "examples", example + ".yaml")).contains("\ntask: {type: super-resolution");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String name(SpaceKind kind) {
        Path example = Path.of(kind.help().example());
        String file = example.getFileName().toString();
        if (!example.equals(Path.of("examples", file)) || !file.endsWith(".yaml")) {
            throw new IllegalStateException("the " + kind.type() + " kind's example " + example
                    + " is not examples/<name>.yaml");
        }
        return file.substring(0, file.length() - ".yaml".length());
    }
}
