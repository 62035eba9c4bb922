package io.hwnas.spark.cli;

import io.hwnas.hw.DeviceProfile;
import io.hwnas.hw.DeviceProfiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code hwnas profile upgrade} on the Ethos-U55 profile as format 2 wrote it. */
class ProfileCommandTest {
    private static final Path FORMAT_2 = Path.of("..", "hardware-profiles", "src", "test", "resources", "io", "hwnas",
            "hw", "format2", "ethos-u55-128.yaml");

    @TempDir
    Path dir;

    @Test
    void upgradesInPlaceToTheSameProfileAndTheSameEstimates() throws IOException {
        Path old = Files.copy(FORMAT_2, dir.resolve("old.yaml"));
        Path file = Files.copy(FORMAT_2, dir.resolve("my-npu.yaml"));
        DeviceProfile before = DeviceProfiles.load(file);

        CostCommandsTest.Run r = CostCommandsTest.run("profile", "upgrade", file.toString());

        assertEquals(0, r.code(), r.err());
        assertEquals("wrote " + file + ": profile 'ethos-u55-128' in format 3", r.out().strip());
        assertTrue(Files.readString(file).startsWith("format: 3\n"), Files.readString(file));
        assertEquals(before, DeviceProfiles.load(file));
        CostCommandsTest.Run oldEstimate = CostCommandsTest.run("estimate", "mobilenet_v2", "-d", old.toString());
        CostCommandsTest.Run newEstimate = CostCommandsTest.run("estimate", "mobilenet_v2", "-d", file.toString());
        assertEquals(0, newEstimate.code(), newEstimate.err());
        assertEquals(oldEstimate.out(), newEstimate.out());
    }

    @Test
    void writesElsewhereWithOutputAndLeavesTheOriginal() throws IOException {
        Path file = Files.copy(FORMAT_2, dir.resolve("old.yaml"));
        Path upgraded = dir.resolve("new.yaml");
        CostCommandsTest.Run r = CostCommandsTest.run("profile", "upgrade", file.toString(), "-o", upgraded.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(Files.readString(FORMAT_2), Files.readString(file));
        assertEquals(DeviceProfiles.load(file), DeviceProfiles.load(upgraded));
        // a format 3 file upgrades to itself
        Path again = dir.resolve("again.yaml");
        assertEquals(0, CostCommandsTest.run("profile", "upgrade", upgraded.toString(), "-o", again.toString()).code());
        assertEquals(Files.readString(upgraded), Files.readString(again));
    }

    @Test
    void aBadProfileIsOneLineExitTwoAndNothingWritten() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), Files.readString(FORMAT_2)
                .replace("clockHz: 5.0e+8", "clockHz: -5.0e+8"));
        Path out = dir.resolve("out.yaml");
        CostCommandsTest.Run r = CostCommandsTest.run("profile", "upgrade", bad.toString(), "-o", out.toString());
        assertEquals(HwnasCli.BAD_INPUT, r.code(), r.out() + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("hwnas: " + bad + ": field 'compute.clockHz' = -5.0E8 must be a positive"), r.err());
        assertFalse(Files.exists(out));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left");
        }

        CostCommandsTest.Run missing = CostCommandsTest.run("profile", "upgrade", dir.resolve("none.yaml").toString());
        assertEquals(HwnasCli.BAD_INPUT, missing.code());
        assertTrue(missing.err().contains("none.yaml: cannot read the file"), missing.err());
        Path v1 = Files.writeString(dir.resolve("v1.yaml"), "format: 1\nid: x\n");
        CostCommandsTest.Run old = CostCommandsTest.run("profile", "upgrade", v1.toString());
        assertEquals(HwnasCli.BAD_INPUT, old.code());
        assertTrue(old.err().contains("field 'format' = 1 is not supported (this version reads 3 and 2"), old.err());
    }
}
