package io.hwnas.spark.cli;

import io.hwnas.io.StrictYaml;
import io.hwnas.space.Dimension;
import io.hwnas.space.SearchSpace;
import io.hwnas.space.SpaceHelp;
import io.hwnas.space.SpaceKind;
import io.hwnas.space.SpaceKinds;
import io.hwnas.spark.config.SweepConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code hwnas spaces}: every kind's example, listing, details, a config's space, bad input. */
class SpacesCommandTest {

    @Test
    void everyKindsExampleIsASweepConfigOfThatKind() throws Exception {
        for (SpaceKind kind : SpaceKinds.all()) {
            Path example = CliErrorsTest.repoFile(kind.help().example());
            SweepConfig config = StrictYaml.read(Files.readString(example), SweepConfig.class, example.toString());
            assertEquals(kind.type(), config.space().type(), kind.help().example());
        }
    }

    @Test
    void listsEveryTypeWithItsKeysAndExample() {
        CostCommandsTest.Run r = CostCommandsTest.run("spaces");
        assertEquals(0, r.code(), r.err());
        for (SpaceKind kind : SpaceKinds.all()) {
            SpaceHelp t = kind.help();
            assertTrue(r.out().contains(kind.type() + " ") && r.out().contains(t.summary()), kind.type());
            assertTrue(r.out().contains("keys: " + String.join(", ", t.keys().keySet())), kind.type());
            assertTrue(r.out().contains("example: " + t.example()), kind.type());
        }
    }

    @Test
    void detailsOfOneType() {
        CostCommandsTest.Run r = CostCommandsTest.run("spaces", "repnas");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("repnas: "), r.out());
        assertTrue(r.out().contains("budget") && r.out().contains("1x1-avg") && r.out().contains("examples/repnas.yaml"),
                r.out());
        assertTrue(!r.out().contains("ran-e"), "only the one type");
        CostCommandsTest.Run unknown = CostCommandsTest.run("spaces", "nasbench");
        assertEquals(HwnasCli.BAD_INPUT, unknown.code());
        assertEquals(1, unknown.err().strip().lines().count(), unknown.err());
        assertTrue(unknown.err().contains("'nasbench'") && unknown.err().contains("(allowed: activation, actnas, "),
                unknown.err());
        assertTrue(unknown.err().contains(String.join(", ", SpaceKinds.types()) + ")"), unknown.err());
    }

    @Test
    void printsAConfigsDimensionsOptionsAndSize() throws Exception {
        Path quickstart = CliErrorsTest.repoFile("examples/quickstart.yaml");
        CostCommandsTest.Run r = CostCommandsTest.run("spaces", "--config", quickstart.toString());
        assertEquals(0, r.code(), r.err());
        SearchSpace space = StrictYaml.read(Files.readString(quickstart), SweepConfig.class, "q").space();
        for (Dimension d : space.dimensions()) {
            assertTrue(r.out().lines().anyMatch(l -> l.strip().startsWith(d.name() + " ")
                    && l.endsWith(String.join(", ", d.options()))), d.name() + " in " + r.out());
        }
        // 5 activations for each of 2 convs, 2 widths for each of 2 stages, no constraint
        assertTrue(r.out().contains("size: 100 point(s) in the grid, all admissible"), r.out());
        assertTrue(r.out().contains("baseline {act.s0.c0=relu"), r.out());

        // examples/ran-i.yaml: 3 widths x 3 depths, and maxMacs 4,000,000 rules out the largest (1.0 x 1.5)
        CostCommandsTest.Run ranI = CostCommandsTest.run("spaces", "--config",
                CliErrorsTest.repoFile("examples/ran-i.yaml").toString());
        assertEquals(0, ranI.code(), ranI.err());
        assertTrue(ranI.out().contains("size: 9 point(s) in the grid, 8 admissible"), ranI.out());

        CostCommandsTest.Run tabular = CostCommandsTest.run("spaces", "--config",
                CliErrorsTest.repoFile("examples/tabular.yaml").toString());
        assertEquals(0, tabular.code(), tabular.err());
        assertTrue(tabular.out().contains("space 'tabular', 6 dimension(s)") && !tabular.out().contains("baseline"),
                tabular.out());
    }

    @Test
    void refusesABadConfigOrBothArguments() throws Exception {
        Path quickstart = CliErrorsTest.repoFile("examples/quickstart.yaml");
        CostCommandsTest.Run both = CostCommandsTest.run("spaces", "activation", "--config", quickstart.toString());
        assertEquals(HwnasCli.BAD_INPUT, both.code());
        Path bad = Files.createTempFile("space", ".yaml");
        try {
            Files.writeString(bad, Files.readString(quickstart).replace("activations: [relu", "activations: [swishy"));
            CostCommandsTest.Run r = CostCommandsTest.run("spaces", "--config", bad.toString());
            assertEquals(HwnasCli.BAD_INPUT, r.code());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains("swishy"), r.err());
        } finally {
            Files.delete(bad);
        }
    }
}
