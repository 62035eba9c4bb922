package io.hwnas.spark.cli;

import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureException;
import io.hwnas.arch.ArchitectureJson;
import io.hwnas.arch.Shape;
import io.hwnas.arch.zoo.ReferenceNetworks;
import io.hwnas.spark.config.ConfigException;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The architecture argument commands share ({@code ARCH}, {@code --input}, {@code --classes}): an
 * hwnas IR JSON file, or a reference network of the zoo built at its natural or the given input.
 * Anything that does not resolve is bad input naming ARCH, the value and what is accepted.
 */
final class ArchitectureSource {

    @Parameters(paramLabel = "ARCH", description = "architecture JSON file (hwnas IR), or a reference network "
            + "(see 'hwnas zoo')")
    String architecture;

    @Option(names = "--input", paramLabel = "CxHxW",
            description = "input shape for a reference network (default: its natural one, 3x224x224 or 1x28x28 for minis)")
    String input;

    @Option(names = "--classes", description = "classes for a reference network (default: 1000, or 10 for minis)")
    Integer classes;

    Architecture load() {
        Path file = Path.of(architecture);
        if (Files.isRegularFile(file)) {
            try {
                return ArchitectureJson.read(file);
            } catch (RuntimeException e) {
                throw new ConfigException("ARCH '" + architecture + "': "
                        + ErrorMessage.oneLine(e, !(e instanceof ArchitectureException)), e);
            }
        }
        if (!ReferenceNetworks.names().contains(architecture.strip().toLowerCase(Locale.ROOT))) {
            String looksLike = architecture.endsWith(".json") || architecture.contains("/") ? "no such file; " : "";
            throw new ConfigException("ARCH '" + architecture + "': " + looksLike + "give an architecture JSON file "
                    + "or a reference network (" + String.join(", ", ReferenceNetworks.names()) + ")");
        }
        try {
            return ReferenceNetworks.byName(architecture, shape(),
                    classes == null ? ReferenceNetworks.naturalClasses(architecture) : classes);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("ARCH '" + architecture + "' with --input " + (input == null ? "(natural)" : input)
                    + " and --classes " + (classes == null ? "(natural)" : classes) + ": " + e.getMessage(), e);
        }
    }

    private Shape shape() {
        if (input == null) {
            return ReferenceNetworks.naturalInput(architecture);
        }
        String[] dims = input.split("x");
        try {
            if (dims.length == 3) {
                return Shape.image(Integer.parseInt(dims[0]), Integer.parseInt(dims[1]), Integer.parseInt(dims[2]));
            }
        } catch (IllegalArgumentException e) {
            // not numbers, or not a valid shape: the same message as a wrong count
        }
        throw new ConfigException("option '--input' = '" + input + "' must be CxHxW with positive sizes, e.g. 3x224x224");
    }
}
