package io.hwnas.hw.lut;

import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureBuilder;
import io.hwnas.arch.Conv2d;
import io.hwnas.arch.Dense;
import io.hwnas.arch.Dropout;
import io.hwnas.arch.GlobalPool;
import io.hwnas.arch.Shape;
import io.hwnas.cost.CostReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatencyTableTest {

    private static final String CONV = "conv2d k3x3 s1x1 d1x1 g1";

    @TempDir
    Path dir;

    /** 3×3 convs C→C on 16×16 that take 10 µs fixed + 1 ns per MAC; global pool and dense at fixed costs. */
    static LatencyTable synthetic() {
        List<LatencyEntry> entries = new ArrayList<>();
        for (int c : new int[] {8, 32, 128}) {
            long macs = 9L * c * c * 16 * 16;
            entries.add(new LatencyEntry(CONV, c, c, 16, 16, macs, 10e-6 + macs * 1e-9));
        }
        entries.add(new LatencyEntry("global_pool avg", 8, 8, 16, 16, 8 * 256, 5e-6));
        entries.add(new LatencyEntry("dense", 8, 10, 1, 1, 80, 7e-6));
        return new LatencyTable("test-lut", Map.of("machine", "synthetic"), 50e-6, entries);
    }

    static Architecture conv(int channels) {
        ArchitectureBuilder b = new ArchitectureBuilder("conv" + channels, Shape.image(channels, 16, 16));
        b.add("conv", Conv2d.same(channels, 3, 1));
        b.add("gp", GlobalPool.avg());
        b.add("drop", new Dropout(0.1));
        b.add("fc", Dense.of(10));
        return b.build();
    }

    @Test
    void measuredShapesComeBackExactlyAndTheTotalAddsTheOverhead() {
        LookupTableCostModel model = new LookupTableCostModel(synthetic());
        CostReport r = model.estimate(conv(32));
        long macs = 9L * 32 * 32 * 256;
        assertEquals(10e-6 + macs * 1e-9, r.layers().get(0).latencySeconds(), 1e-15);
        assertEquals(0, r.layers().get(2).latencySeconds(), "dropout is free at inference");
        double sum = 50e-6 + r.layers().stream().mapToDouble(c -> c.latencySeconds()).sum();
        assertEquals(sum, r.latencySeconds(), 1e-15);
        assertEquals("test-lut", r.device());
    }

    @Test
    void betweenMeasuredShapesTheTrendIsFollowed() {
        // the synthetic entries lie exactly on an affine trend, so interpolation reproduces it anywhere
        LookupTableCostModel model = new LookupTableCostModel(synthetic());
        for (int c : new int[] {12, 16, 64, 256}) {
            long macs = 9L * c * c * 256;
            double latency = model.estimate(conv(c)).layers().get(0).latencySeconds();
            assertEquals(10e-6 + macs * 1e-9, latency, (10e-6 + macs * 1e-9) * 1e-6, c + " channels");
        }
        double previous = 0;
        for (int c = 4; c <= 160; c += 12) {
            double latency = model.estimate(conv(c)).layers().get(0).latencySeconds();
            assertTrue(latency > previous, "monotone in channels at " + c);
            previous = latency;
        }
    }

    @Test
    void anOpTheTableLacksIsAnErrorNamingNodeAndKeys() {
        ArchitectureBuilder b = new ArchitectureBuilder("five", Shape.image(8, 16, 16));
        b.add("big", Conv2d.same(8, 5, 1));
        b.add("gp", GlobalPool.avg());
        b.add("fc", Dense.of(10));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LookupTableCostModel(synthetic()).estimate(b.build()));
        assertTrue(e.getMessage().contains("conv2d k5x5") && e.getMessage().contains("'big'")
                && e.getMessage().contains(CONV), e.getMessage());
    }

    @Test
    void filesRoundTripAtomically() {
        Path file = dir.resolve("host.lut.csv");
        LatencyTableFiles.write(file, synthetic());
        LatencyTable back = LatencyTableFiles.read(file);
        assertEquals(synthetic().device(), back.device());
        assertEquals(synthetic().inferenceOverheadSeconds(), back.inferenceOverheadSeconds());
        assertEquals("synthetic", back.metadata().get("machine"));
        assertEquals(synthetic().entries().size(), back.entries().size());
        for (int i = 0; i < back.entries().size(); i++) {
            assertEquals(synthetic().entries().get(i).latencySeconds(), back.entries().get(i).latencySeconds(), 1e-15);
            assertEquals(synthetic().entries().get(i).key(), back.entries().get(i).key());
        }
        try (var listing = Files.list(dir)) {
            assertEquals(List.of(file), listing.toList(), "no temporary file left behind");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void badFilesNameTheFileLineAndField() throws IOException {
        Path good = dir.resolve("good.csv");
        LatencyTableFiles.write(good, synthetic());
        String text = Files.readString(good);
        assertTrue(error("not-a-table.csv", "a,b\n1,2\n").contains("format"));
        String noDevice = error("no-device.csv", text.replace("# device: test-lut\n", ""));
        assertTrue(noDevice.contains("'# device: ...'"), noDevice);
        String badNumber = error("bad-number.csv", text.replace("5.00000000e-06", "fast"));
        assertTrue(badNumber.contains("line") && badNumber.contains("'latency_seconds'") && badNumber.contains("'fast'"),
                badNumber);
        String negative = error("negative.csv", text.replace(",8,8,16,16,", ",-8,8,16,16,"));
        assertTrue(negative.contains("line") && negative.contains("-8"), negative);
    }

    private String error(String name, String content) throws IOException {
        Path f = Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LatencyTableFiles.read(f));
        assertTrue(e.getMessage().contains(name), e.getMessage());
        return e.getMessage();
    }
}
