package io.hwnas.spark.cli;

import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureCounts;
import io.hwnas.arch.ArchitectureJson;
import io.hwnas.arch.zoo.ReferenceNetworks;
import io.hwnas.transform.Collapse;
import io.hwnas.transform.CollapseResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code hwnas collapse} on real zoo nets with batch-norm: rewrites, counts, the DL4J equivalence check, the file. */
class CollapseCommandTest {
    private static final Pattern CHECK = Pattern.compile("max \\|Δ\\| = (\\S+) at '([^']+)'.*tolerance (\\S+) .*: passed");

    @TempDir
    Path tmp;

    @Test
    void collapsesAMobileNetMiniChecksItAndWritesTheDeployedForm() throws Exception {
        Path out = tmp.resolve("deployed.json");
        CostCommandsTest.Run r = CostCommandsTest.run("collapse", "mobilenet_v2_mini", "--out", out.toString());
        assertEquals(0, r.code(), r.err());

        Architecture source = ReferenceNetworks.byName("mobilenet_v2_mini");
        CollapseResult expected = Collapse.deployment().apply(source);
        assertTrue(r.out().contains("policy deployment: " + expected.applied().size() + " rewrite(s)"), r.out());
        assertTrue(r.out().contains("bn-fold at 'features.1.dw.bn'"), r.out());
        assertTrue(r.out().contains("1. " + expected.applied().get(0)), r.out());
        ArchitectureCounts before = ArchitectureCounts.of(source);
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("before") && l.contains(" " + source.nodes().size() + " ")
                && l.contains(String.format(Locale.ROOT, "%,d", before.trainableParams()))), r.out());

        Matcher check = CHECK.matcher(r.out());
        assertTrue(check.find(), r.out());
        double diff = Double.parseDouble(check.group(1));
        assertTrue(diff > 0 && diff <= 1e-4, "max |Δ| " + diff);
        assertTrue(Double.parseDouble(check.group(3)) >= 1e-4, r.out());

        Architecture written = ArchitectureJson.read(out);
        assertEquals(expected.architecture().fingerprint(), written.fingerprint());
        assertTrue(written.nodes().size() < source.nodes().size(), "batch-norms folded away");
        assertTrue(r.out().contains("wrote " + out + " (fingerprint " + written.fingerprint() + ")"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("after") && l.contains(" " + written.nodes().size() + " ")),
                r.out());
        try (var files = Files.list(tmp)) {
            assertEquals(1, files.count(), "no temporary file left next to the output");
        }

        // the deployed form read back as ARCH is a fixpoint
        CostCommandsTest.Run again = CostCommandsTest.run("collapse", out.toString(), "--check-batch", "2");
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("policy deployment: 0 rewrite(s)"), again.out());
        assertTrue(CHECK.matcher(again.out()).find(), again.out());
    }

    /** The exact policy also merges MobileNetV2's linear bottleneck into the next expansion, which raises MACs. */
    /** A net that ends in a feature map (SESR's training form) is checked as one, not refused for lacking a classifier. */
    @Test
    void collapsesAnExpandedSesrToItsDeployedForm() throws Exception {
        io.hwnas.arch.zoo.Sesr sesr = io.hwnas.arch.zoo.Sesrs.presets().get("sesr_m3_x2");
        io.hwnas.arch.Shape patch = io.hwnas.arch.Shape.image(1, 16, 16);
        Path file = tmp.resolve("sesr-expanded.json");
        Files.writeString(file, ArchitectureJson.write(sesr.expanded(patch)));
        CostCommandsTest.Run r = CostCommandsTest.run("collapse", file.toString(), "--out", tmp.resolve("d.json").toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(CHECK.matcher(r.out()).find(), r.out());
        assertEquals(ArchitectureCounts.of(sesr.deployed(patch)).macs(),
                ArchitectureCounts.of(ArchitectureJson.read(tmp.resolve("d.json"))).macs());
    }

    @Test
    void exactPolicyKeepsRewritesTheDeploymentVetoes() {
        CostCommandsTest.Run exact = CostCommandsTest.run("collapse", "mobilenet_v2_mini", "--policy", "exact",
                "--check-batch", "2", "--seed", "7", "--show-refused");
        assertEquals(0, exact.code(), exact.err());
        assertTrue(exact.out().contains("sequential-collapse at 'features.2.expand.bn'"), exact.out());
        assertTrue(exact.out().contains("seed 7"), exact.out());
        Architecture source = ReferenceNetworks.byName("mobilenet_v2_mini");
        long exactMacs = ArchitectureCounts.of(Collapse.exact().apply(source).architecture()).macs();
        assertTrue(exactMacs > ArchitectureCounts.of(source).macs());
        assertTrue(exact.out().lines().anyMatch(l -> l.startsWith("after") && l.contains(String.format(Locale.ROOT, "%,d", exactMacs))),
                exact.out());
        assertTrue(CHECK.matcher(exact.out()).find(), exact.out());
    }
}
