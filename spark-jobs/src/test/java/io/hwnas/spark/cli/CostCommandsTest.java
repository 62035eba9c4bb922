package io.hwnas.spark.cli;

import io.hwnas.arch.ArchitectureJson;
import io.hwnas.arch.zoo.ResNets;
import io.hwnas.hw.DeviceProfile;
import io.hwnas.hw.DeviceProfiles;
import io.hwnas.hw.lut.LatencyTableFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cost-model commands as a user runs them: output, files and exit codes. */
class CostCommandsTest {

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = HwnasCli.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void estimatePrintsPerLayerRowsAndTotalsPerDevice() {
        Run r = run("estimate", "mobilenet_v2", "--device", "ethos-u55-128", "--device", "cortex-a76");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("mobilenet_v2") && r.out().contains("300,774,272 MACs"), r.out());
        assertTrue(r.out().contains("device ethos-u55-128") && r.out().contains("device cortex-a76"), r.out());
        assertTrue(r.out().contains("features.1.dw") && r.out().contains("fused"), "per-layer rows");
        assertTrue(r.out().lines().filter(l -> l.contains("total:") && l.contains("FPS")).count() == 2, r.out());
    }

    @Test
    void estimateReadsArchitectureFilesAndTakesAQuantisationSetting() throws Exception {
        Path arch = dir.resolve("resnet18.json");
        Files.writeString(arch, ArchitectureJson.writePretty(ResNets.resnet18()));
        Run int8 = run("estimate", arch.toString(), "-d", "cortex-a76", "--data-type", "int8", "--totals-only");
        Run fp32 = run("estimate", arch.toString(), "-d", "cortex-a76", "--totals-only");
        assertEquals(0, int8.code(), int8.err());
        String firstNode = ResNets.resnet18().nodes().get(0).id() + " ";
        assertFalse(int8.out().contains(firstNode), "--totals-only");
        assertTrue(run("estimate", arch.toString(), "-d", "cortex-a76").out().contains(firstNode));
        assertTrue(ms(int8.out()) < ms(fp32.out()), int8.out() + fp32.out());
    }

    @Test
    void badInputExitsTwoWithOneClearLine() {
        Run unknown = run("estimate", "mobilenet_v2", "-d", "tpu-v9");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("'tpu-v9'") && unknown.err().contains("ethos-u55-128")
                && unknown.err().contains("measured") && unknown.err().contains("'onnxruntime-cpu'"), unknown.err());
        assertEquals(1, unknown.err().strip().lines().count(), unknown.err());
        Run arch = run("estimate", "alexnet", "-d", "host-cpu");
        assertEquals(2, arch.code());
        assertTrue(arch.err().contains("'alexnet'") && arch.err().contains("resnet18"), arch.err());
        Run type = run("estimate", "mobilenet_v2", "-d", "ethos-u55-128", "--data-type", "fp32");
        assertEquals(2, type.code());
        assertTrue(type.err().contains("fp32") && type.err().contains("int8"), type.err());
    }

    @Test
    void devicesListsEveryBundledProfileAndTheOtherModes() {
        Run r = run("devices");
        assertEquals(0, r.code());
        for (String id : DeviceProfiles.knownIds()) {
            assertTrue(r.out().contains(id), id);
        }
        assertTrue(r.out().contains("'measured'") && r.out().contains("'onnxruntime-cpu'") && r.out().contains("'lut:FILE'")
                && r.out().contains("'learned:DIR'"), r.out());
    }

    @Test
    void onnxRuntimeTimesEstimatesAndCalibrations() {
        Run est = run("estimate", "resnet18", "--input", "1x28x28", "--classes", "10", "-d", "onnxruntime-cpu",
                "--totals-only");
        assertEquals(0, est.code(), est.err());
        assertTrue(est.out().contains("device onnxruntime-cpu") && ms(est.out()) > 0, est.out());
        Path out = dir.resolve("host-ort.yaml");
        Run cal = run("calibrate", "--measure", "onnxruntime-cpu", "--train", "4", "--test", "2", "--output",
                out.toString());
        assertEquals(0, cal.code(), cal.err());
        String source = DeviceProfiles.load(out).source("overheads.layerGroupSeconds.conv3x3").orElseThrow();
        assertTrue(source.contains("measured with ONNX Runtime (batch 1, 1 thread(s)"), source);
        assertTrue(cal.out().contains("held-out accuracy"), cal.out());
    }

    @Test
    void calibrateWritesAProfileThatLoadsAndReportsHeldOutAccuracy() {
        Path out = dir.resolve("host-calibrated.yaml");
        Run r = run("calibrate", "--train", "6", "--test", "3", "--output", out.toString());
        assertEquals(0, r.code(), r.err());
        DeviceProfile p = DeviceProfiles.load(out);
        assertEquals("host-cpu-calibrated", p.id());
        assertTrue(p.source("overheads.layerGroupSeconds.conv3x3").orElseThrow().startsWith("calibrated"));
        assertTrue(r.out().contains("held-out accuracy") && r.out().contains("τ="), r.out());
        assertTrue(Files.exists(dir.resolve("host-calibrated.yaml.held-out.csv")));
        // and a sweep or estimate can use it by path
        assertEquals(0, run("estimate", "resnet18", "-d", out.toString(), "--totals-only").code());
    }

    @Test
    void lutBuildWritesATableEstimatesCanUse() {
        Path table = dir.resolve("host.lut.csv");
        Run r = run("lut", "build", "--grid", "quick", "--runs", "5", "--output", table.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(LatencyTableFiles.read(table).entries().size() > 20);
        Run est = run("estimate", "resnet18", "--input", "1x28x28", "--classes", "10", "-d", "lut:" + table,
                "--totals-only");
        // ResNet's 7x7 stride-2 stem is not in the quick grid: a clear error, not a silent zero
        assertEquals(2, est.code(), est.out());
        assertTrue(est.err().contains("conv2d k7x7 s2x2"), est.err());
        Run grid = run("lut", "build", "--grid", "huge", "--output", table.toString());
        assertEquals(2, grid.code());
        assertTrue(grid.err().contains("'huge'") && grid.err().contains("quick, standard"), grid.err());
    }

    private static double ms(String out) {
        String line = out.lines().filter(l -> l.contains("total:")).findFirst().orElseThrow();
        return Double.parseDouble(line.substring(line.indexOf("total:") + 6, line.indexOf(" ms")).strip());
    }
}
