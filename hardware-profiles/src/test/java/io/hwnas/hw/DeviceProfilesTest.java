package io.hwnas.hw;

import io.hwnas.hw.spec.CostModels;
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
            format: 3
            id: test-npu
            description: A made-up NPU for tests
            kind: npu
            dataType: int8
            compute:
              clockHz: 1.0e+9
              macsPerCycle:
                int8: 64
                int16: 32
              elementOpsPerCycle: 4
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
            memory:
              bandwidthBytesPerSecond: 8.0e+9
              weightBandwidthBytesPerSecond: 1.0e+9
              onChipBytes: 1048576
              weightsOnChip: false
            overheads:
              perInferenceSeconds: 1.0e-5
              perLayerSeconds: 1.0e-6
            fusion:
              bnIntoConv: true
              activationIntoConv: true
            activations:
              support:
                relu: fused
                relu6: fused
                leaky_relu: native
                silu: fallback
                hard_swish: lut
                hard_sigmoid: lut
                sigmoid: lut
                tanh: lut
                gelu: fallback
              nativeElementsPerCycle: 2
              lutElementsPerCycle: 1
              fallback:
                elementsPerSecond: 1.0e+7
                transferSeconds: 2.0e-5
            sources:
              compute.clockHz: "test datasheet, table 1"
              compute.macsPerCycle: "test datasheet, table 1"
              dataType: int8
              memory.bandwidthBytesPerSecond: "estimate: made up"
              memory.weightBandwidthBytesPerSecond: "estimate: made up"
              memory.onChipBytes: "estimate: made up"
              memory.weightsOnChip: "test datasheet, section 2"
              overheads.perInferenceSeconds: "estimate: made up"
              overheads.perLayerSeconds: "estimate: made up"
              compute.channelAlignment: "test datasheet, section 3"
              compute.efficiency: "estimate: made up"
              compute.elementOpsPerCycle: "estimate: made up"
              activations.nativeElementsPerCycle: "estimate: made up"
              activations.lutElementsPerCycle: "estimate: made up"
              activations.fallback.elementsPerSecond: "estimate: made up"
              activations.fallback.transferSeconds: "estimate: made up"
              activations.support: "test datasheet, section 4"
              fusion: "test datasheet, section 5"
            """;

    /** {@link #VALID} as format 2 wrote it: every field at the top level. */
    static final String VALID_FORMAT_2 = """
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
        assertEquals(0, cpu.memory().onChipBytes());
        for (ActivationType t : ActivationType.values()) {
            if (t.isNonLinear()) {
                assertEquals(ActivationSupport.NATIVE, cpu.activations().support(t), t.id());
            }
        }
        for (OpClass c : OpClass.values()) {
            assertTrue(cpu.compute().efficiency(c) >= 0.05 && cpu.compute().efficiency(c) <= 1, c.id());
        }
        assertTrue(cpu.isEstimate("compute.clockHz"));
    }

    @Test
    void ethosU55MatchesItsDocumentedConfiguration() {
        DeviceProfile npu = DeviceProfiles.load("ethos-u55-128");
        Compute compute = npu.compute();
        ActivationCosts activations = npu.activations();
        assertEquals(DeviceKind.NPU, npu.kind());
        assertEquals(128, compute.macsPerCycle().get(Precision.INT8));
        assertEquals(Precision.INT8, npu.dataType());
        assertEquals(new ChannelAlignment(8, 8), compute.channelAlignment());
        assertEquals(5e8, npu.memory().weightBandwidthBytesPerSecond(), "weights stream from flash");
        assertFalse(npu.memory().weightsOnChip());
        assertEquals(5e8, compute.clockHz());
        assertEquals(1, npu.bytesPerElement());
        assertEquals(384 * 1024, npu.memory().onChipBytes());
        assertEquals(ActivationSupport.FUSED, activations.support(ActivationType.RELU));
        assertEquals(ActivationSupport.FUSED, activations.support(ActivationType.RELU6));
        for (ActivationType t : List.of(ActivationType.LEAKY_RELU, ActivationType.HARD_SWISH, ActivationType.SIGMOID,
                ActivationType.TANH)) {
            assertEquals(ActivationSupport.LUT, activations.support(t), t.id());
        }
        assertEquals(ActivationSupport.LUT, activations.support(ActivationType.SILU));
        assertTrue(activations.elementsPerCycle(ActivationType.SILU) < activations.lutElementsPerCycle());
        assertEquals(ActivationSupport.FALLBACK, activations.support(ActivationType.GELU));
        assertTrue(compute.efficiency(OpClass.DEPTHWISE) < compute.efficiency(OpClass.CONV_3X3) / 4);
        assertTrue(npu.fusion().bnIntoConv() && npu.fusion().activationIntoConv());
        // published figures are cited, judgement calls are marked
        assertFalse(npu.isEstimate("compute.clockHz"));
        assertFalse(npu.isEstimate("compute.macsPerCycle.int8"));
        assertTrue(npu.isEstimate("compute.macsPerCycle.int16"));
        assertTrue(npu.source("compute.clockHz").orElseThrow().contains("Vela"));
        assertTrue(npu.isEstimate("memory.onChipBytes"));
        assertTrue(npu.isEstimate("compute.efficiency.conv3x3"));
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
        assertEquals(0.1, p.compute().efficiency(OpClass.DEPTHWISE));
        assertEquals("estimate: made up", p.source("compute.efficiency.dense").orElseThrow());
        assertTrue(p.isEstimate("compute.efficiency.dense"));
        assertFalse(p.isEstimate("compute.clockHz"));
    }

    @Test
    void aSectionsSourceCoversEveryFieldInIt() throws IOException {
        String memory = VALID.replaceAll("  memory\\.[A-Za-z]+: .*\n", "").replace("sources:\n",
                "sources:\n  memory: \"estimate: the whole memory system\"\n");
        DeviceProfile p = DeviceProfiles.load(write("memory.yaml", memory));
        assertEquals("estimate: the whole memory system", p.source("memory.weightsOnChip").orElseThrow());
        assertTrue(p.estimatedFields().containsAll(List.of("memory.bandwidthBytesPerSecond", "memory.onChipBytes")));
    }

    @Test
    void missingFieldNamesFileAndField() throws IOException {
        String msg = error("missing-clock.yaml", VALID.replace("  clockHz: 1.0e+9\n", ""));
        assertEquals(dir.resolve("missing-clock.yaml") + ": field 'compute.clockHz' is required", msg);
        String section = error("no-memory.yaml", VALID.replaceAll("memory:\n(  [a-zA-Z]+: .*\n)+", ""));
        assertTrue(section.endsWith(": field 'memory' is required"), section);
    }

    @Test
    void negativeClockNamesFileFieldAndValue() throws IOException {
        String msg = error("negative-clock.yaml", replace(VALID, "clockHz: 1.0e+9", "clockHz: -1.0e+9"));
        assertEquals(dir.resolve("negative-clock.yaml") + ": field 'compute.clockHz' = -1.0E9 must be a positive finite "
                + "number", msg);
    }

    @Test
    void unknownActivationNamesFileAndName() throws IOException {
        String msg = error("bad-act.yaml", replace(VALID, "    gelu: fallback", "    gelu: fallback\n    swoosh: native"));
        assertTrue(msg.contains("unknown field 'activations.support.swoosh' (allowed: " + ActivationType.allowed()), msg);
    }

    @Test
    void unknownKeyNamesFileKeyAndWhatIsAllowed() throws IOException {
        String msg = error("typo.yaml", replace(VALID, "kind: npu", "kind: npu\nclockHertz: 5"));
        assertEquals(dir.resolve("typo.yaml") + ": unknown field 'clockHertz' (allowed: activations, compute, dataType, "
                + "description, fusion, id, kind, memory, overheads, sources)", msg);
        String nested = error("typo2.yaml", replace(VALID, "  bnIntoConv: true", "  bnIntoConv: true\n  bnIntoDense: true"));
        assertTrue(nested.contains("unknown field 'fusion.bnIntoDense' (allowed: activationIntoConv, bnIntoConv)"), nested);
    }

    @Test
    void efficiencyOutOfRangeOrMissing() throws IOException {
        String over = error("eff.yaml", replace(VALID, "    depthwise: 0.1", "    depthwise: 1.5"));
        assertTrue(over.endsWith(": field 'compute.efficiency.depthwise' = 1.5 must be in (0, 1]"), over);
        String zero = error("eff0.yaml", replace(VALID, "    dense: 0.2", "    dense: 0"));
        assertTrue(zero.contains("'compute.efficiency.dense'") && zero.contains("(0, 1]"), zero);
        String missing = error("eff-missing.yaml", VALID.replace("    dense: 0.2\n", ""));
        assertTrue(missing.contains("'compute.efficiency.dense'") && missing.contains("required"), missing);
        String unknown = error("eff-unknown.yaml", replace(VALID, "    dense: 0.2", "    dense: 0.2\n    conv9x9: 0.5"));
        assertTrue(unknown.contains("unknown field 'compute.efficiency.conv9x9' (allowed: pointwise, conv3x3"), unknown);
    }

    @Test
    void activationTableMustBeCompleteAndConsistent() throws IOException {
        String missing = error("no-gelu.yaml", VALID.replace("    gelu: fallback\n", ""));
        assertTrue(missing.contains("field 'activations.support' has no entry for gelu"), missing);
        String badClass = error("magic.yaml", replace(VALID, "    relu: fused", "    relu: magic"));
        assertTrue(badClass.contains("field 'activations.support.relu' = 'magic' is not one of fused, native, lut, "
                + "fallback"), badClass);
        String noLut = error("no-lut.yaml", VALID.replace("  lutElementsPerCycle: 1\n", ""));
        assertTrue(noLut.contains("'activations.lutElementsPerCycle' is required"), noLut);
        String noCpu = error("no-fallback.yaml", VALID.replaceAll("  fallback:\n(    [a-zA-Z]+: .*\n)+", ""));
        assertTrue(noCpu.contains("'activations.fallback' is required because an activation is 'fallback'"), noCpu);
        String contradiction = error("no-act-fusion.yaml",
                replace(VALID, "  activationIntoConv: true", "  activationIntoConv: false"));
        assertTrue(contradiction.contains("'activations.support.relu'") && contradiction.contains("activationIntoConv"),
                contradiction);
    }

    @Test
    void everyNumberNeedsASource() throws IOException {
        String msg = error("unsourced.yaml", VALID.replace("  compute.clockHz: \"test datasheet, table 1\"\n", ""));
        assertTrue(msg.contains("'sources'") && msg.contains("'compute.clockHz'") && msg.contains("estimate"), msg);
        String typo = error("source-typo.yaml", replace(VALID, "  dataType: int8", "  dataType: int8\n  clockHz: x"));
        assertTrue(typo.contains("field 'sources.clockHz' names no field"), typo);
    }

    @Test
    void wrongTypesAndDuplicatesAreRejected() throws IOException {
        String kind = error("kind.yaml", replace(VALID, "kind: npu", "kind: tpu"));
        assertTrue(kind.endsWith(": field 'kind' = 'tpu' is not one of cpu, npu, gpu (line 4)"), kind);
        String fractional = error("align.yaml", replace(VALID, "    input: 8", "    input: 1.5"));
        assertTrue(fractional.contains("field 'compute.channelAlignment.input' = '1.5' is not an integer"), fractional);
        String text = error("text.yaml", replace(VALID, "    int8: 64", "    int8: lots"));
        assertTrue(text.contains("field 'compute.macsPerCycle.int8'"), text);
        String dup = error("dup.yaml", replace(VALID, "kind: npu", "kind: npu\nkind: cpu"));
        assertTrue(dup.contains("Duplicate field 'kind'"), dup);
        String version = error("v1.yaml", replace(VALID, "format: 3", "format: 1"));
        assertTrue(version.contains("'format' = 1") && version.contains("README"), version);
        String noVersion = error("v.yaml", VALID.replace("format: 3\n", ""));
        assertTrue(noVersion.contains("field 'format' is required"), noVersion);
        assertTrue(error("empty.yaml", "").contains("empty.yaml"));
        assertTrue(error("list.yaml", "- a\n- b\n").contains("not a device profile"));
    }

    @Test
    void dataTypeMustBeOneTheDeviceRuns() throws IOException {
        String unknown = error("fp8.yaml", replace(VALID, "dataType: int8", "dataType: fp8"));
        assertTrue(unknown.contains("field 'dataType' = 'fp8' is not one of int8, int16, fp16, fp32"), unknown);
        String unsupported = error("fp32.yaml", replace(VALID, "dataType: int8", "dataType: fp32"));
        assertTrue(unsupported.contains("'compute.macsPerCycle.fp32'") && unsupported.contains("required"), unsupported);
        String negative = error("neg-macs.yaml", replace(VALID, "    int16: 32", "    int16: -32"));
        assertTrue(negative.contains("'compute.macsPerCycle.int16'") && negative.contains("-32"), negative);
        DeviceProfile p = DeviceProfiles.load(write("ok.yaml", VALID));
        assertEquals(Precision.INT16, p.withDataType(Precision.INT16).dataType());
        assertEquals(2, p.withDataType(Precision.INT16).bytesPerElement());
        DeviceProfileException e = assertThrows(DeviceProfileException.class, () -> p.withDataType(Precision.FP16));
        assertTrue(e.getMessage().contains("fp16") && e.getMessage().contains("int8, int16"), e.getMessage());
    }

    @Test
    void activationRatesOverrideTheirClassAndMustBeUsable() throws IOException {
        String rates = "  nativeElementsPerCycle: 2\n  elementsPerCycle:\n    leaky_relu: 0.5";
        DeviceProfile p = DeviceProfiles.load(write("rates.yaml", replace(VALID, "  nativeElementsPerCycle: 2", rates)
                .replace("  fusion: \"test datasheet, section 5\"", "  fusion: \"test datasheet, section 5\"\n"
                        + "  activations.elementsPerCycle: \"estimate: made up\"")));
        ActivationCosts activations = p.activations();
        assertEquals(0.5, activations.elementsPerCycle(ActivationType.LEAKY_RELU));
        assertEquals(2, activations.elementsPerCycle(ActivationType.RELU), "fused ones fall back to the native rate");
        assertEquals(1, activations.elementsPerCycle(ActivationType.HARD_SWISH), "lut rate");
        String unsourced = error("rates-unsourced.yaml", replace(VALID, "  nativeElementsPerCycle: 2", rates));
        assertTrue(unsourced.contains("'activations.elementsPerCycle.leaky_relu'"), unsourced);
        String fallback = error("rates-fallback.yaml", replace(VALID, "  nativeElementsPerCycle: 2",
                "  nativeElementsPerCycle: 2\n  elementsPerCycle:\n    silu: 0.5"));
        assertTrue(fallback.contains("'activations.elementsPerCycle.silu'") && fallback.contains("fallback"), fallback);
    }

    @Test
    void everyRequiredFieldIsNamedWhenMissing() throws IOException {
        for (String line : List.of("  weightBandwidthBytesPerSecond: 1.0e+9\n", "  weightsOnChip: false\n",
                "  perLayerSeconds: 1.0e-6\n", "    pooling: 1.0\n", "  bnIntoConv: true\n")) {
            String msg = error("missing.yaml", VALID.replace(line, ""));
            String field = line.strip().substring(0, line.strip().indexOf(':'));
            assertTrue(msg.contains(field + "' is required"), msg);
        }
        String group = error("group.yaml", replace(VALID, "  perLayerSeconds: 1.0e-6",
                "  perLayerSeconds: 1.0e-6\n  layerGroupSeconds:\n    softmax: 1.0e-6"));
        assertTrue(group.contains("field 'overheads.layerGroupSeconds.softmax' is not a layer group (allowed: "
                + String.join(", ", Overheads.LAYER_GROUPS) + ")"), group);
        String align = error("align0.yaml", replace(VALID, "    output: 16", "    output: 0"));
        assertTrue(align.contains("'compute.channelAlignment.output' = 0"), align);
    }

    @Test
    void profilesWriteBackToYamlTheyReadAgain() throws IOException {
        for (String id : DeviceProfiles.knownIds()) {
            DeviceProfile p = DeviceProfiles.load(id);
            Path file = dir.resolve(id + ".yaml");
            DeviceProfiles.write(p, file);
            assertEquals(p, DeviceProfiles.load(file));
            assertTrue(Files.readString(file).startsWith("format: 3\nid: " + id + "\n"), Files.readString(file));
        }
        DeviceProfile own = DeviceProfiles.load(write("own.yaml", VALID));
        DeviceProfiles.write(own, dir.resolve("own-written.yaml"));
        assertEquals(own, DeviceProfiles.load(dir.resolve("own-written.yaml")));
    }

    @Test
    void aProfileWrittenBeforeHardSigmoidRunsItAsHardSwish() throws IOException {
        String predates = replace(VALID, "    hard_sigmoid: lut\n", "");
        for (String yaml : List.of(predates, VALID_FORMAT_2)) {
            DeviceProfile p = DeviceProfiles.load(write("predates.yaml", yaml));
            assertEquals(ActivationSupport.LUT, p.activations().support(ActivationType.HARD_SIGMOID));
            assertEquals("test datasheet, section 4", p.source("activations.support.hard_sigmoid").orElseThrow());
        }
        String ownSource = replace(predates, "  activations.support: \"test datasheet, section 4\"",
                "  activations.support: \"test datasheet, section 4\"\n  activations.support.hard_swish: \"estimate: hs\"");
        DeviceProfile sourced = DeviceProfiles.load(write("predates-sourced.yaml", ownSource));
        assertEquals("estimate: hs (hard_sigmoid, which this profile predates, runs as hard_swish)",
                sourced.source("activations.support.hard_sigmoid").orElseThrow());
        assertTrue(sourced.isEstimate("activations.support.hard_sigmoid"));
        String named = replace(VALID, "    hard_sigmoid: lut", "    hard_sigmoid: native");
        named = replace(named, "sources:\n", "sources:\n  activations.support.hard_sigmoid: \"test: ADD + MUL\"\n");
        DeviceProfile own = DeviceProfiles.load(write("names-it.yaml", named));
        assertEquals(ActivationSupport.NATIVE, own.activations().support(ActivationType.HARD_SIGMOID));
        assertEquals("test: ADD + MUL", own.source("activations.support.hard_sigmoid").orElseThrow());
    }

    @Test
    void format2FilesLoadAsTheProfileTheyAlwaysMeant() throws IOException {
        DeviceProfile format2 = DeviceProfiles.load(write("old.yaml", VALID_FORMAT_2));
        assertEquals(DeviceProfiles.load(write("new.yaml", VALID)), format2);
        DeviceProfiles.write(format2, dir.resolve("upgraded.yaml"));
        assertEquals(format2, DeviceProfiles.load(dir.resolve("upgraded.yaml")));

        String unknown = error("old-typo.yaml", replace(VALID_FORMAT_2, "kind: npu", "kind: npu\nclockHertz: 5"));
        assertTrue(unknown.contains("unknown field 'clockHertz' (allowed in format 2: activationElementsPerCycle, "
                + "activations, channelAlignment, clockHz,"), unknown);
        String invalid = error("old-bad.yaml", replace(VALID_FORMAT_2, "clockHz: 1.0e+9", "clockHz: -1.0e+9"));
        assertTrue(invalid.startsWith(dir.resolve("old-bad.yaml") + ": field 'compute.clockHz' = -1.0E9 must be a "
                + "positive finite number (a format 2 file: its fields are checked under their format 3 paths, see "
                + "hardware-profiles/README.md)"), invalid);
        String unsourced = error("old-unsourced.yaml", VALID_FORMAT_2.replace("  clockHz: \"test datasheet, table 1\"\n",
                ""));
        assertTrue(unsourced.contains("has no entry for 'compute.clockHz'"), unsourced);
    }

    @Test
    void deviceSpecsNameTheMode() throws IOException {
        assertEquals("ethos-u55-128", CostModels.resolve("ethos-u55-128").device());
        assertEquals("measured", CostModels.resolve("measured").device());
        assertEquals("onnxruntime-cpu", CostModels.resolve("onnxruntime-cpu").device());
        DeviceProfileException unknown = assertThrows(DeviceProfileException.class, () -> CostModels.resolve("tpu-v9"));
        assertTrue(unknown.getMessage().contains("'tpu-v9'") && unknown.getMessage().contains("measured")
                && unknown.getMessage().contains("'onnxruntime-cpu'")
                && unknown.getMessage().contains("lut:FILE") && unknown.getMessage().contains("cortex-m55"),
                unknown.getMessage());
        DeviceProfileException lut = assertThrows(DeviceProfileException.class,
                () -> CostModels.resolve("lut:" + dir.resolve("missing.csv")));
        assertTrue(lut.getMessage().contains("missing.csv"), lut.getMessage());
    }

    @Test
    void profilesAreSerializableAndCopiedWithChanges() throws Exception {
        for (String id : DeviceProfiles.knownIds()) {
            DeviceProfile p = DeviceProfiles.load(id);
            assertEquals(p, roundTrip(p));
            DeviceProfile faster = p.with(p.compute().withClockHz(p.compute().clockHz() * 2));
            assertEquals(p.compute().clockHz() * 2, faster.compute().clockHz());
            assertEquals(p.memory(), faster.memory());
        }
        Compute host = DeviceProfiles.load("host-cpu").compute();
        DeviceProfileException e = assertThrows(DeviceProfileException.class, () -> host.withClockHz(-1));
        assertEquals("field 'clockHz' = -1.0 must be a positive finite number", e.getMessage());
        DeviceProfileException unsourced = assertThrows(DeviceProfileException.class, () -> DeviceProfiles.load("host-cpu")
                .with(DeviceProfiles.load("host-cpu").overheads().withLayerGroupSeconds("dense", 1e-5)));
        assertTrue(unsourced.getMessage().contains("'overheads.layerGroupSeconds.dense'"), unsourced.getMessage());
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
