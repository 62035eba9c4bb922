package io.hwnas.hw;

import io.hwnas.arch.ActivationType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeviceProfilesTest {

    /** A small valid profile using every activation class; tests break one line at a time. */
    static final String VALID = """
            format: 2
            id: test-npu
            description: A made-up NPU for tests
            kind: npu
            clockHz: 1.0e+9
            dataType: int8
            macsPerCycle:
              int8: 64
              int16: 32
            memoryBandwidthBytesPerSecond: 8.0e+9
            weightBandwidthBytesPerSecond: 1.0e+9
            onChipMemoryBytes: 1048576
            weightsOnChip: false
            perInferenceOverheadSeconds: 1.0e-5
            perLayerOverheadSeconds: 1.0e-6
            channelAlignment:
              input: 8
              output: 16
            efficiency:
              pointwise: 0.5
              conv3x3: 0.8
              conv5x5: 0.7
              conv7x7: 0.7
              convOther: 0.6
              depthwise: 0.1
              dense: 0.2
              pooling: 1.0
              elementwise: 0.25
            elementOpsPerCycle: 4
            activations:
              relu: fused
              relu6: fused
              leaky_relu: native
              silu: fallback
              hard_swish: lut
              sigmoid: lut
              tanh: lut
              gelu: fallback
            nativeElementsPerCycle: 2
            lutElementsPerCycle: 1
            fallbackElementsPerSecond: 1.0e+7
            fallbackTransferSeconds: 2.0e-5
            fusion:
              bnIntoConv: true
              activationIntoConv: true
            sources:
              clockHz: "test datasheet, table 1"
              macsPerCycle: "test datasheet, table 1"
              dataType: int8
              memoryBandwidthBytesPerSecond: "estimate: made up"
              weightBandwidthBytesPerSecond: "estimate: made up"
              onChipMemoryBytes: "estimate: made up"
              weightsOnChip: "test datasheet, section 2"
              perInferenceOverheadSeconds: "estimate: made up"
              perLayerOverheadSeconds: "estimate: made up"
              channelAlignment: "test datasheet, section 3"
              efficiency: "estimate: made up"
              elementOpsPerCycle: "estimate: made up"
              nativeElementsPerCycle: "estimate: made up"
              lutElementsPerCycle: "estimate: made up"
              fallbackElementsPerSecond: "estimate: made up"
              fallbackTransferSeconds: "estimate: made up"
              activations: "test datasheet, section 4"
              fusion: "test datasheet, section 5"
            """;

    @TempDir
    Path dir;

    @Test
    void everyBundledProfileLoads() {
        assertEquals(List.of("host-cpu", "ethos-u55-128"), DeviceProfiles.knownIds().subList(0, 2));
        for (String id : DeviceProfiles.knownIds()) {
            DeviceProfile p = DeviceProfiles.load(id);
            assertEquals(id, p.id());
            assertFalse(p.estimatedFields().isEmpty(), id + " has estimates and should say so");
        }
    }

    @Test
    void hostCpuIsAGenericFp32CpuWithEverythingNative() {
        DeviceProfile cpu = DeviceProfiles.load("host-cpu");
        assertEquals(DeviceKind.CPU, cpu.kind());
        assertEquals(4, cpu.bytesPerElement());
        assertEquals(Precision.FP32, cpu.dataType());
        assertEquals(2.5e9 * 32, cpu.peakMacsPerSecond(), 1);
        assertEquals(0, cpu.onChipMemoryBytes());
        for (ActivationType t : ActivationType.values()) {
            if (t.isNonLinear()) {
                assertEquals(ActivationSupport.NATIVE, cpu.support(t), t.id());
            }
        }
        for (OpClass c : OpClass.values()) {
            assertTrue(cpu.efficiency(c) >= 0.05 && cpu.efficiency(c) <= 1, c.id());
        }
        assertTrue(cpu.isEstimate("clockHz"));
    }

    @Test
    void ethosU55MatchesItsDocumentedConfiguration() {
        DeviceProfile npu = DeviceProfiles.load("ethos-u55-128");
        assertEquals(DeviceKind.NPU, npu.kind());
        assertEquals(128, npu.macsPerCycle().get(Precision.INT8));
        assertEquals(Precision.INT8, npu.dataType());
        assertEquals(new ChannelAlignment(8, 8), npu.channelAlignment());
        assertEquals(5e8, npu.weightBandwidthBytesPerSecond(), "weights stream from flash");
        assertFalse(npu.weightsOnChip());
        assertEquals(5e8, npu.clockHz());
        assertEquals(1, npu.bytesPerElement());
        assertEquals(384 * 1024, npu.onChipMemoryBytes());
        assertEquals(ActivationSupport.FUSED, npu.support(ActivationType.RELU));
        assertEquals(ActivationSupport.FUSED, npu.support(ActivationType.RELU6));
        for (ActivationType t : List.of(ActivationType.LEAKY_RELU, ActivationType.HARD_SWISH, ActivationType.SIGMOID,
                ActivationType.TANH)) {
            assertEquals(ActivationSupport.LUT, npu.support(t), t.id());
        }
        assertEquals(ActivationSupport.LUT, npu.support(ActivationType.SILU));
        assertTrue(npu.activationElementsPerCycle(ActivationType.SILU) < npu.lutElementsPerCycle());
        assertEquals(ActivationSupport.FALLBACK, npu.support(ActivationType.GELU));
        assertTrue(npu.efficiency(OpClass.DEPTHWISE) < npu.efficiency(OpClass.CONV_3X3) / 4);
        assertTrue(npu.fusion().bnIntoConv() && npu.fusion().activationIntoConv());
        // published figures are cited, judgement calls are marked
        assertFalse(npu.isEstimate("clockHz"));
        assertFalse(npu.isEstimate("macsPerCycle"));
        assertTrue(npu.source("clockHz").orElseThrow().contains("Vela"));
        assertTrue(npu.isEstimate("onChipMemoryBytes"));
        assertTrue(npu.isEstimate("efficiency.conv3x3"));
    }

    @Test
    void unknownIdListsTheKnownOnes() {
        DeviceProfileException e = assertThrows(DeviceProfileException.class, () -> DeviceProfiles.load("tpu-v9"));
        assertTrue(e.getMessage().contains("'tpu-v9'"), e.getMessage());
        assertTrue(e.getMessage().contains("host-cpu") && e.getMessage().contains("ethos-u55-128"), e.getMessage());
        DeviceProfileException r = assertThrows(DeviceProfileException.class, () -> DeviceProfiles.resolve("tpu-v9"));
        assertTrue(r.getMessage().contains("host-cpu"), r.getMessage());
    }

    @Test
    void loadsFromAFileAndResolvesIdsOrPaths() throws IOException {
        Path file = write("test-npu.yaml", VALID);
        DeviceProfile p = DeviceProfiles.load(file);
        assertEquals("test-npu", p.id());
        assertEquals(p, DeviceProfiles.resolve(file.toString()));
        assertEquals("host-cpu", DeviceProfiles.resolve("host-cpu").id());
        assertEquals(0.1, p.efficiency(OpClass.DEPTHWISE));
        assertEquals("estimate: made up", p.source("efficiency.dense").orElseThrow());
        assertTrue(p.isEstimate("efficiency.dense"));
        assertFalse(p.isEstimate("clockHz"));
    }

    @Test
    void missingFieldNamesFileAndField() throws IOException {
        String msg = error("missing-clock.yaml", VALID.replace("clockHz: 1.0e+9\n", ""));
        assertTrue(msg.startsWith(dir.resolve("missing-clock.yaml").toString() + ":"), msg);
        assertTrue(msg.contains("'clockHz'") && msg.contains("required"), msg);
    }

    @Test
    void negativeClockNamesFileFieldAndValue() throws IOException {
        String msg = error("negative-clock.yaml", replace(VALID, "clockHz: 1.0e+9", "clockHz: -1.0e+9"));
        assertTrue(msg.contains("negative-clock.yaml"), msg);
        assertTrue(msg.contains("'clockHz'") && msg.contains("-1.0E9"), msg);
    }

    @Test
    void unknownActivationNamesFileAndName() throws IOException {
        String msg = error("bad-act.yaml", replace(VALID, "  gelu: fallback", "  gelu: fallback\n  swoosh: native"));
        assertTrue(msg.contains("bad-act.yaml"), msg);
        assertTrue(msg.contains("'activations'") && msg.contains("'swoosh'") && msg.contains("allowed"), msg);
    }

    @Test
    void unknownKeyNamesFileAndKey() throws IOException {
        String msg = error("typo.yaml", replace(VALID, "kind: npu", "kind: npu\nclockHertz: 5"));
        assertTrue(msg.contains("typo.yaml"), msg);
        assertTrue(msg.contains("unknown field 'clockHertz'") && msg.contains("line"), msg);
        String nested = error("typo2.yaml", replace(VALID, "  bnIntoConv: true", "  bnIntoConv: true\n  bnIntoDense: true"));
        assertTrue(nested.contains("typo2.yaml") && nested.contains("'fusion.bnIntoDense'"), nested);
    }

    @Test
    void efficiencyOutOfRangeOrMissing() throws IOException {
        String over = error("eff.yaml", replace(VALID, "  depthwise: 0.1", "  depthwise: 1.5"));
        assertTrue(over.contains("eff.yaml") && over.contains("'efficiency.depthwise'") && over.contains("1.5"), over);
        String zero = error("eff0.yaml", replace(VALID, "  dense: 0.2", "  dense: 0"));
        assertTrue(zero.contains("'efficiency.dense'") && zero.contains("(0, 1]"), zero);
        String missing = error("eff-missing.yaml", VALID.replace("  dense: 0.2\n", ""));
        assertTrue(missing.contains("'efficiency.dense'") && missing.contains("required"), missing);
        String unknown = error("eff-unknown.yaml", replace(VALID, "  dense: 0.2", "  dense: 0.2\n  conv9x9: 0.5"));
        assertTrue(unknown.contains("'conv9x9'") && unknown.contains("pointwise"), unknown);
    }

    @Test
    void activationTableMustBeCompleteAndConsistent() throws IOException {
        String missing = error("no-gelu.yaml", VALID.replace("  gelu: fallback\n", ""));
        assertTrue(missing.contains("'activations'") && missing.contains("gelu"), missing);
        String badClass = error("magic.yaml", replace(VALID, "  relu: fused", "  relu: magic"));
        assertTrue(badClass.contains("'activations.relu'") && badClass.contains("'magic'"), badClass);
        String noLut = error("no-lut.yaml", VALID.replace("lutElementsPerCycle: 1\n", ""));
        assertTrue(noLut.contains("'lutElementsPerCycle'") && noLut.contains("required"), noLut);
        String contradiction = error("no-act-fusion.yaml",
                replace(VALID, "  activationIntoConv: true", "  activationIntoConv: false"));
        assertTrue(contradiction.contains("'activations.relu'") && contradiction.contains("activationIntoConv"),
                contradiction);
    }

    @Test
    void everyNumberNeedsASource() throws IOException {
        String msg = error("unsourced.yaml", VALID.replace("  clockHz: \"test datasheet, table 1\"\n", ""));
        assertTrue(msg.contains("'sources'") && msg.contains("'clockHz'") && msg.contains("estimate"), msg);
        String typo = error("source-typo.yaml", replace(VALID, "  dataType: int8", "  dataType: int8\n  clockHZ: x"));
        assertTrue(typo.contains("'clockHZ'"), typo);
    }

    @Test
    void wrongTypesAndDuplicatesAreRejected() throws IOException {
        String kind = error("kind.yaml", replace(VALID, "kind: npu", "kind: tpu"));
        assertTrue(kind.contains("'kind'") && kind.contains("'tpu'") && kind.contains("cpu, npu, gpu"), kind);
        String fractional = error("align.yaml", replace(VALID, "  input: 8", "  input: 1.5"));
        assertTrue(fractional.contains("align.yaml") && fractional.contains("'channelAlignment.input'"), fractional);
        String text = error("text.yaml", replace(VALID, "  int8: 64", "  int8: lots"));
        assertTrue(text.contains("'macsPerCycle.int8'"), text);
        String dup = error("dup.yaml", replace(VALID, "kind: npu", "kind: npu\nkind: cpu"));
        assertTrue(dup.contains("dup.yaml") && dup.contains("kind"), dup);
        String version = error("v1.yaml", replace(VALID, "format: 2", "format: 1"));
        assertTrue(version.contains("'format' = 1") && version.contains("README"), version);
        assertTrue(error("empty.yaml", "").contains("empty.yaml"));
    }

    @Test
    void dataTypeMustBeOneTheDeviceRuns() throws IOException {
        String unknown = error("fp8.yaml", replace(VALID, "dataType: int8", "dataType: fp8"));
        assertTrue(unknown.contains("'dataType'") && unknown.contains("'fp8'") && unknown.contains("int8, int16, fp16, fp32"),
                unknown);
        String unsupported = error("fp32.yaml", replace(VALID, "dataType: int8", "dataType: fp32"));
        assertTrue(unsupported.contains("'macsPerCycle.fp32'") && unsupported.contains("required"), unsupported);
        String negative = error("neg-macs.yaml", replace(VALID, "  int16: 32", "  int16: -32"));
        assertTrue(negative.contains("'macsPerCycle.int16'") && negative.contains("-32"), negative);
        DeviceProfile p = DeviceProfiles.load(write("ok.yaml", VALID));
        assertEquals(Precision.INT16, p.withDataType(Precision.INT16).dataType());
        assertEquals(2, p.withDataType(Precision.INT16).bytesPerElement());
        DeviceProfileException e = assertThrows(DeviceProfileException.class, () -> p.withDataType(Precision.FP16));
        assertTrue(e.getMessage().contains("fp16") && e.getMessage().contains("int8, int16"), e.getMessage());
    }

    @Test
    void activationRatesOverrideTheirClassAndMustBeUsable() throws IOException {
        DeviceProfile p = DeviceProfiles.load(write("rates.yaml", replace(VALID, "nativeElementsPerCycle: 2",
                "nativeElementsPerCycle: 2\nactivationElementsPerCycle:\n  leaky_relu: 0.5")
                .replace("  fusion: \"test datasheet, section 5\"", "  fusion: \"test datasheet, section 5\"\n"
                        + "  activationElementsPerCycle: \"estimate: made up\"")));
        assertEquals(0.5, p.activationElementsPerCycle(ActivationType.LEAKY_RELU));
        assertEquals(2, p.activationElementsPerCycle(ActivationType.RELU), "fused ones fall back to the native rate");
        assertEquals(1, p.activationElementsPerCycle(ActivationType.HARD_SWISH), "lut rate");
        String unsourced = error("rates-unsourced.yaml", replace(VALID, "nativeElementsPerCycle: 2",
                "nativeElementsPerCycle: 2\nactivationElementsPerCycle:\n  leaky_relu: 0.5"));
        assertTrue(unsourced.contains("'activationElementsPerCycle.leaky_relu'"), unsourced);
        String fallback = error("rates-fallback.yaml", replace(VALID, "nativeElementsPerCycle: 2",
                "nativeElementsPerCycle: 2\nactivationElementsPerCycle:\n  silu: 0.5"));
        assertTrue(fallback.contains("'activationElementsPerCycle.silu'") && fallback.contains("fallback"), fallback);
    }

    @Test
    void newRequiredFieldsAreNamedWhenMissing() throws IOException {
        for (String line : List.of("weightBandwidthBytesPerSecond: 1.0e+9\n", "weightsOnChip: false\n",
                "perLayerOverheadSeconds: 1.0e-6\n", "  pooling: 1.0\n")) {
            String msg = error("missing.yaml", VALID.replace(line, ""));
            String field = line.strip().substring(0, line.strip().indexOf(':'));
            assertTrue(msg.contains(field) && msg.contains("required"), msg);
        }
        String group = error("group.yaml", replace(VALID, "perLayerOverheadSeconds: 1.0e-6",
                "perLayerOverheadSeconds: 1.0e-6\nlayerOverheadSeconds:\n  softmax: 1.0e-6"));
        assertTrue(group.contains("'layerOverheadSeconds'") && group.contains("'softmax'") && group.contains("batch_norm"),
                group);
        String align = error("align0.yaml", replace(VALID, "  output: 16", "  output: 0"));
        assertTrue(align.contains("'channelAlignment.output' = 0"), align);
    }

    @Test
    void profilesWriteBackToYamlTheyReadAgain() throws IOException {
        for (String id : DeviceProfiles.knownIds()) {
            DeviceProfile p = DeviceProfiles.load(id);
            assertEquals(p, DeviceProfiles.parse(DeviceProfiles.toYaml(p), id + " (written)"));
        }
        DeviceProfile file = DeviceProfiles.load(write("own.yaml", VALID));
        assertEquals(file, DeviceProfiles.parse(DeviceProfiles.toYaml(file), "own (written)"));
    }

    @Test
    void deviceSpecsNameTheMode() throws IOException {
        assertEquals("ethos-u55-128", CostModels.resolve("ethos-u55-128").device());
        assertEquals("measured", CostModels.resolve("measured").device());
        DeviceProfileException unknown = assertThrows(DeviceProfileException.class, () -> CostModels.resolve("tpu-v9"));
        assertTrue(unknown.getMessage().contains("'tpu-v9'") && unknown.getMessage().contains("measured")
                && unknown.getMessage().contains("lut:FILE") && unknown.getMessage().contains("cortex-m55"),
                unknown.getMessage());
        DeviceProfileException lut = assertThrows(DeviceProfileException.class,
                () -> CostModels.resolve("lut:" + dir.resolve("missing.csv")));
        assertTrue(lut.getMessage().contains("missing.csv"), lut.getMessage());
    }

    @Test
    void profilesAreSerializableAndRebuildable() throws Exception {
        for (String id : DeviceProfiles.knownIds()) {
            DeviceProfile p = DeviceProfiles.load(id);
            assertEquals(p, roundTrip(p));
            assertEquals(p, p.toBuilder().build());
            DeviceProfile faster = p.toBuilder().clockHz(p.clockHz() * 2).build();
            assertEquals(p.clockHz() * 2, faster.clockHz());
        }
        DeviceProfileException e = assertThrows(DeviceProfileException.class,
                () -> DeviceProfiles.load("host-cpu").toBuilder().clockHz(-1).build());
        assertTrue(e.getMessage().contains("'clockHz'"));
    }

    private String error(String fileName, String yaml) throws IOException {
        Path file = write(fileName, yaml);
        DeviceProfileException e = assertThrows(DeviceProfileException.class, () -> DeviceProfiles.load(file));
        assertNotNull(e.getMessage());
        assertTrue(e.getMessage().contains(fileName), e.getMessage());
        return e.getMessage();
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static String replace(String text, String line, String replacement) {
        assertTrue(text.contains(line), "fixture has no '" + line + "'");
        return text.replace(line, replacement);
    }

    @SuppressWarnings("unchecked")
    static <T> T roundTrip(T value) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }
}
