package io.hwnas.space;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hwnas.arch.Activation;
import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureBuilder;
import io.hwnas.arch.ArchitectureCounts;
import io.hwnas.arch.ArchitectureJson;
import io.hwnas.arch.BatchNorm;
import io.hwnas.arch.Conv2d;
import io.hwnas.arch.Dense;
import io.hwnas.arch.GlobalPool;
import io.hwnas.arch.Node;
import io.hwnas.arch.Shape;
import io.hwnas.arch.zoo.InvertedResidualBlock;
import io.hwnas.arch.zoo.MobileNets;
import io.hwnas.dl4j.GraphBuilder;
import io.hwnas.io.Mappers;
import io.hwnas.transform.CollapseResult;
import io.hwnas.transform.ExactnessOracle;
import io.hwnas.transform.OracleReport;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static io.hwnas.arch.ActivationType.HARD_SWISH;
import static io.hwnas.arch.ActivationType.IDENTITY;
import static io.hwnas.arch.ActivationType.LEAKY_RELU;
import static io.hwnas.arch.ActivationType.RELU;
import static io.hwnas.arch.ActivationType.RELU6;
import static io.hwnas.arch.ActivationType.SILU;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ActNasSpaceTest {
    private static final Logger LOG = LoggerFactory.getLogger(ActNasSpaceTest.class);

    private static final ImageInput FASHION = new ImageInput(1, 28, 28);
    private static final ImageInput IMAGENET = new ImageInput(3, 224, 224);
    /** The five ActNAS activations of the paper. */
    private static final List<ActivationType> ACTNAS = List.of(RELU, RELU6, SILU, HARD_SWISH, LEAKY_RELU);
    private static final ObjectMapper JSON = Mappers.json();

    @TempDir
    static Path dir;
    private static Path plainFile;

    @BeforeAll
    static void writeTinyBase() throws IOException {
        plainFile = dir.resolve("plain.json");
        Files.writeString(plainFile, ArchitectureJson.writePretty(plain()));
    }

    /** conv 3×3 (1→16) → BN → act → conv 1×1 (16→4) → BN → act → head: identity at the first act makes the two convs one. */
    private static Architecture plain() {
        ArchitectureBuilder b = new ArchitectureBuilder("plain", Shape.image(1, 8, 8));
        b.add("c1", Conv2d.same(16, 3, 1));
        b.add("c1.bn", BatchNorm.standard());
        b.add("c1.act", new Activation(RELU));
        b.add("c2", Conv2d.same(4, 1, 1));
        b.add("c2.bn", BatchNorm.standard());
        b.add("c2.act", new Activation(SILU));
        b.add("pool", GlobalPool.avg());
        return b.add("fc", Dense.of(3)).build();
    }

    private static ActNasSpace resnet18Mini(List<ActivationType> options, ActivationType baseline) {
        return new ActNasSpace(BaseNet.reference("resnet18_mini", FASHION, 10), options, baseline, null);
    }

    private static ActNasSpace mobileNetV2(List<ActivationType> options, ActivationType baseline) {
        return new ActNasSpace(BaseNet.reference("mobilenet_v2", IMAGENET, 1000), options, baseline, null);
    }

    private static List<String> activationIds(Architecture arch) {
        return arch.nodes().stream().filter(n -> n.layer() instanceof Activation).map(Node::id).toList();
    }

    private static ActivationType function(Architecture arch, String id) {
        return ((Activation) arch.node(id).layer()).function();
    }

    /** MobileNetV3's hard-swish and ReLU sites are searched; its squeeze-excite gates are not, unless named in sites. */
    @Test
    void squeezeExciteGatesAreNotSitesByDefault() {
        ActNasSpace v3 = new ActNasSpace(BaseNet.reference("mobilenet_v3_small_mini", FASHION, 10),
                List.of(RELU, HARD_SWISH, SILU), null, null);
        List<String> sites = v3.dimensions().stream().map(Dimension::name).toList();
        assertTrue(sites.stream().anyMatch(n -> n.endsWith("hard_swish")), sites.toString());
        assertTrue(sites.stream().anyMatch(n -> n.endsWith(".relu")), sites.toString());
        assertTrue(sites.stream().noneMatch(n -> n.contains(".se.fc2")), "gates are not sites: " + sites);
        ActNasSpace gates = new ActNasSpace(BaseNet.reference("mobilenet_v3_small_mini", FASHION, 10),
                List.of(ActivationType.HARD_SIGMOID, ActivationType.SIGMOID), null, "*.se.fc2.*");
        assertFalse(gates.dimensions().isEmpty());
        assertTrue(gates.dimensions().stream().allMatch(d -> d.name().contains(".se.fc2")));
    }

    /**
     * MobileNetV3-Small mini's sites counted from its block table: stem and head hard-swish, the classifier's
     * hidden fc's hard-swish, and per block the expansion's activation (where it expands), the depthwise's
     * and the ReLU inside the SE (where it has one): 9 ReLU and 9 hard-swish, no gate. Its baseline is the
     * reference net; a candidate builds in DL4J and a training step moves its weights.
     */
    @Test
    void mobileNetV3SmallSitesAreItsReluAndHardSwishNodes() {
        BaseNet base = BaseNet.reference("mobilenet_v3_small_mini", FASHION, 10);
        ActNasSpace v3 = new ActNasSpace(base, ACTNAS, null, null);
        int relu = 0;
        int hardSwish = 3;
        for (InvertedResidualBlock block : MobileNets.MOBILENET_V3_SMALL_MINI.blocks()) {
            int sites = (block.expands() ? 2 : 1);
            if (block.activation() == RELU) {
                relu += sites;
            } else {
                hardSwish += sites;
            }
            relu += block.squeezesAndExcites() ? 1 : 0;
        }
        assertEquals(9, relu);
        assertEquals(9, hardSwish);
        Architecture reference = base.load();
        List<String> sites = v3.dimensions().stream().map(Dimension::name).toList();
        assertEquals(relu + hardSwish, sites.size(), sites.toString());
        assertEquals(relu, sites.stream().filter(n -> function(reference, n) == RELU).count());
        assertEquals(hardSwish, sites.stream().filter(n -> function(reference, n) == HARD_SWISH).count());
        assertEquals(reference.fingerprint(), v3.decode(v3.baseline()).fingerprint());

        Architecture candidate = v3.decode(Sampling.distinct(v3, 1, 3).get(0));
        ComputationGraph graph = GraphBuilder.build(candidate, 3, 1e-3);
        INDArray before = graph.params().dup();
        graph.fit(new DataSet(Nd4j.rand(2, 1, 28, 28), Nd4j.eye(10).getRows(2, 5)));
        assertTrue(before.distance2(graph.params()) > 0, "a training step changed nothing");
    }

    @Test
    void oneDimensionPerActivationNodeInExecutionOrder() {
        ActNasSpace r18 = resnet18Mini(ACTNAS, SILU);
        ActNasSpace mb = mobileNetV2(ACTNAS, SILU);
        ActNasSpace tiny = new ActNasSpace(BaseNet.file(plainFile.toString()), ACTNAS, SILU, null);
        // resnet18: stem + 8 blocks × (conv1 + output); mobilenet_v2: stem + 16 expansions + 17 depthwise + last conv
        assertEquals(17, r18.dimensions().size());
        assertEquals(35, mb.dimensions().size());
        assertEquals(2, tiny.dimensions().size());
        for (ActNasSpace s : List.of(r18, mb, tiny)) {
            assertEquals(activationIds(s.network()), s.dimensions().stream().map(Dimension::name).toList());
            for (Dimension d : s.dimensions()) {
                assertEquals(List.of("relu", "relu6", "silu", "hard_swish", "leaky_relu"), d.options());
            }
        }
        assertEquals("conv1.relu", r18.dimensions().get(0).name());
        assertEquals("layer4.1.relu", r18.dimensions().get(16).name());
    }

    @Test
    void siluBaselineDecodesToOnlySiluAndKeepsEverythingElse() {
        for (ActNasSpace s : List.of(resnet18Mini(ACTNAS, SILU), mobileNetV2(ACTNAS, SILU))) {
            Architecture base = s.network();
            Architecture silu = s.decode(s.baseline());
            assertEquals(base.nodes().stream().map(Node::id).toList(), silu.nodes().stream().map(Node::id).toList());
            for (Node n : silu.nodes()) {
                if (n.layer() instanceof Activation a) {
                    assertEquals(SILU, a.function(), n.id());
                } else {
                    assertEquals(base.node(n.id()), n, "only activations change");
                }
            }
            assertNotEquals(base.fingerprint(), silu.fingerprint());
            assertEquals(ArchitectureCounts.of(base).macs(), ArchitectureCounts.of(silu).macs());
        }
    }

    @Test
    void defaultBaselineIsTheBasesOwnActivationWhereOfferedElseOptionZero() {
        ActNasSpace r18 = resnet18Mini(ACTNAS, null);
        assertEquals(r18.network(), r18.decode(r18.baseline()), "every ReLU of resnet18 is offered");
        ActNasSpace mb = mobileNetV2(List.of(HARD_SWISH, RELU, SILU), null);
        assertTrue(mb.baseline().genes().stream().allMatch(g -> g == 0), "relu6 is not offered: option 0 everywhere");
        ActNasSpace tiny = new ActNasSpace(BaseNet.file(plainFile.toString()), List.of(HARD_SWISH, SILU), null, null);
        assertEquals(Choice.of(0, 1), tiny.baseline(), "c1.act's relu is not offered, c2.act's silu is");
    }

    @Test
    void sampledCandidatesValidateRoundTripBuildAndDeployExactly() {
        List<ActivationType> options = List.of(RELU, RELU6, SILU, HARD_SWISH, LEAKY_RELU, IDENTITY);
        ActNasSpace s = resnet18Mini(options, SILU);
        ExactnessOracle oracle = new ExactnessOracle(11, 2);
        for (Choice c : Sampling.distinct(s, 3, 2024)) {
            assertEquals(c, s.validate(c));
            Architecture arch = s.decode(c);
            Architecture back = ArchitectureJson.read(ArchitectureJson.write(arch));
            assertEquals(arch.fingerprint(), back.fingerprint());
            assertEquals(arch, back);
            ArchitectureCounts counts = ArchitectureCounts.of(arch);
            assertEquals(counts.totalParams(), GraphBuilder.build(arch, 1, 1e-3).numParams());

            CollapseResult deployed = s.deploy(c);
            long deployedMacs = ArchitectureCounts.of(deployed.architecture()).macs();
            assertTrue(deployedMacs <= counts.macs(), deployedMacs + " > " + counts.macs());
            OracleReport report = oracle.compare(arch, deployed.result());
            LOG.info("{}: {} rewrites, {} -> {} MACs, {}", c, deployed.applied().size(), counts.macs(), deployedMacs, report);
            assertTrue(report.perVertex().containsKey("fc"), report.perVertex().keySet().toString());
            assertTrue(report.withinFp32Rounding(), report + " exceeds " + report.fp32Bar());
        }
    }

    @Test
    void fullSizeCandidatesDecodeAndRoundTripWithTheBasesCounts() {
        ActNasSpace s = mobileNetV2(ACTNAS, SILU);
        ArchitectureCounts base = ArchitectureCounts.of(s.network());
        for (Choice c : Sampling.distinct(s, 3, 5)) {
            Architecture arch = s.decode(c);
            assertEquals(arch.fingerprint(), ArchitectureJson.read(ArchitectureJson.write(arch)).fingerprint());
            ArchitectureCounts counts = ArchitectureCounts.of(arch);
            assertEquals(base.macs(), counts.macs());
            assertEquals(base.trainableParams(), counts.trainableParams());
            for (int d = 0; d < s.dimensions().size(); d++) {
                assertEquals(ACTNAS.get(c.gene(d)), function(arch, s.dimensions().get(d).name()));
            }
        }
    }

    @Test
    void identityBetweenLinearLayersCollapsesThemExactly() {
        ActNasSpace s = new ActNasSpace(BaseNet.file(plainFile.toString()), List.of(RELU, IDENTITY), RELU, null);
        Choice linear = s.baseline().with(0, 1);
        Architecture arch = s.decode(linear);
        CollapseResult deployed = s.deploy(linear);
        Architecture after = deployed.architecture();
        LOG.info("identity at c1.act: {} -> {}", deployed.applied(), after.nodes().stream().map(Node::id).toList());
        assertEquals(1, after.nodes().stream().filter(n -> n.layer() instanceof Conv2d).count(), "the two convs merge");
        assertTrue(ArchitectureCounts.of(after).macs() < ArchitectureCounts.of(arch).macs());
        OracleReport report = new ExactnessOracle(3, 4).compare(arch, deployed.result());
        assertTrue(report.perVertex().containsKey("fc"), report.perVertex().keySet().toString());
        assertTrue(report.within(ExactnessOracle.FP32_TOLERANCE), report.toString());

        // with a non-linearity in between nothing merges beyond batch-norm folding
        Architecture kept = s.deploy(s.baseline()).architecture();
        assertEquals(2, kept.nodes().stream().filter(n -> n.layer() instanceof Conv2d).count());
    }

    @Test
    void baselineNeighboursChangeOneSiteEach() {
        ActNasSpace s = resnet18Mini(ACTNAS, SILU);
        Choice start = s.baseline();
        Architecture startArch = s.decode(start);
        List<Choice> moves = s.neighbours(start);
        assertEquals(17 * (ACTNAS.size() - 1), moves.size());
        assertEquals(moves.size(), Set.copyOf(moves).size());
        for (Choice m : moves) {
            int changed = -1;
            for (int d = 0; d < start.genes().size(); d++) {
                if (m.gene(d) != start.gene(d)) {
                    assertEquals(-1, changed, m + " differs in more than one site");
                    changed = d;
                }
            }
            assertTrue(changed >= 0);
            Architecture arch = s.decode(m);
            String site = s.dimensions().get(changed).name();
            for (Node n : arch.nodes()) {
                assertEquals(n.id().equals(site), !n.equals(startArch.node(n.id())), n.id());
            }
        }
    }

    @Test
    void sameSeedSameSamples() {
        ActNasSpace s = resnet18Mini(ACTNAS, SILU);
        List<Choice> a = Sampling.distinct(s, 6, 42);
        assertEquals(a, Sampling.distinct(resnet18Mini(ACTNAS, SILU), 6, 42));
        assertNotEquals(a, Sampling.distinct(s, 6, 43));
        assertEquals(a.stream().map(c -> s.decode(c).fingerprint()).toList(),
                Sampling.distinct(s, 6, 42).stream().map(c -> s.decode(c).fingerprint()).toList());
        assertEquals(6, a.stream().map(c -> s.decode(c).fingerprint()).distinct().count());
    }

    @Test
    void sitesRestrictWhichActivationsAreSearched() {
        BaseNet base = BaseNet.reference("resnet18_mini", FASHION, 10);
        List<String> layer4 = List.of("layer4.0.conv1.relu", "layer4.0.relu", "layer4.1.conv1.relu", "layer4.1.relu");
        for (String sites : List.of("layer4.*", "regex:layer4\\..*", "layer4.0.*, layer4.1.*", "layer4.?.*relu")) {
            ActNasSpace s = new ActNasSpace(base, ACTNAS, SILU, sites);
            assertEquals(layer4, s.dimensions().stream().map(Dimension::name).toList(), sites);
        }
        ActNasSpace s = new ActNasSpace(base, ACTNAS, SILU, "layer4.*");
        Architecture arch = s.decode(s.baseline());
        assertEquals(SILU, function(arch, "layer4.1.relu"));
        assertEquals(RELU, function(arch, "layer3.1.relu"), "sites outside the pattern keep the base's activation");
        // a glob matches the whole id and its '?' stands for exactly one character
        assertEquals(List.of("conv1.relu"), new ActNasSpace(base, ACTNAS, SILU, "conv1?relu").dimensions().stream()
                .map(Dimension::name).toList());
        assertEquals(8, new ActNasSpace(base, ACTNAS, SILU, "*.conv1.relu").dimensions().size());
    }

    @Test
    void configErrorsNameFieldAndValue() {
        assertMessage(() -> new ActNasSpace(BaseNet.reference("vgg16", FASHION, 10), ACTNAS, SILU, null),
                "base.reference", "vgg16", "resnet18_mini");
        Path missing = dir.resolve("no-such-net.json");
        assertMessage(() -> new ActNasSpace(BaseNet.file(missing.toString()), ACTNAS, SILU, null),
                "base.file", "no-such-net.json");
        assertMessage(() -> new ActNasSpace(BaseNet.file(plainFile.toString()), ACTNAS, ActivationType.GELU, null),
                "baseline", "gelu", "relu6");
        assertMessage(() -> resnet18MiniWithSites("layer9.*"), "sites", "layer9.*", "conv1.relu");
        assertMessage(() -> resnet18MiniWithSites("regex:layer(4"), "sites", "regex:layer(4");
        assertMessage(() -> new BaseNet("resnet18_mini", FASHION, 10, plainFile.toString()), "base", "reference", "file");
        assertMessage(() -> new BaseNet("resnet18_mini", null, null, null), "base.input");
        assertMessage(() -> new BaseNet(null, FASHION, null, "net.json"), "base.input", "net.json");
        assertMessage(() -> resnet18Mini(List.of(RELU, SILU, RELU), null), "activations", "relu");
    }

    @Test
    void invalidFileContentsNameTheFile() throws IOException {
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"format\": 1, \"name\": \"x\", \"nodes\": []}");
        assertMessage(() -> new ActNasSpace(BaseNet.file(broken.toString()), ACTNAS, SILU, null),
                "base.file", "broken.json");
    }

    private static ActNasSpace resnet18MiniWithSites(String sites) {
        return new ActNasSpace(BaseNet.reference("resnet18_mini", FASHION, 10), ACTNAS, SILU, sites);
    }

    private static void assertMessage(Executable build, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + p + "' missing from: " + e.getMessage());
        }
    }

    @Test
    void jsonFormIsTheConfigAndReadsBackEqual() throws Exception {
        for (ActNasSpace s : List.of(resnet18Mini(ACTNAS, SILU), resnet18MiniWithSites("layer4.*"),
                new ActNasSpace(BaseNet.file(plainFile.toString()), List.of(RELU, IDENTITY), null, null))) {
            String json = JSON.writeValueAsString(s);
            LOG.info("{}", json);
            assertFalse(json.contains("nodes"), json);
            assertTrue(json.length() < 400, json);
            SearchSpace back = JSON.readValue(json, SearchSpace.class);
            assertEquals(s, back);
            assertEquals(s.dimensions(), back.dimensions());
            assertEquals(s.baseline(), back.baseline());
            assertEquals(s, JSON.readValue(json, ActNasSpace.class));

            JsonNode tree = Mappers.json().valueToTree(s);
            assertEquals("actnas", tree.get("type").asText());
            assertTrue(tree.has("base") && tree.has("activations"), tree.toString());

            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(s);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                ActNasSpace copy = (ActNasSpace) in.readObject();
                assertEquals(s, copy);
                assertEquals(s.decode(s.baseline()), copy.decode(copy.baseline()));
            }
        }
        assertEquals("{\"type\":\"actnas\",\"base\":{\"reference\":\"resnet18_mini\",\"input\":{\"channels\":1,"
                + "\"height\":28,\"width\":28},\"classes\":10},\"activations\":[\"relu\",\"relu6\",\"silu\","
                + "\"hard_swish\",\"leaky_relu\"],\"baseline\":\"silu\"}", JSON.writeValueAsString(resnet18Mini(ACTNAS, SILU)));
    }

    @Test
    void parsesFromYaml() throws Exception {
        ObjectMapper yaml = Mappers.strictYaml();
        SearchSpace s = yaml.readValue("""
                type: actnas
                base:
                  reference: resnet18_mini
                  input: {channels: 1, height: 28, width: 28}
                  classes: 10
                activations: [relu, relu6, silu, hard_swish, leaky_relu]
                baseline: silu
                """, SearchSpace.class);
        assertEquals(resnet18Mini(ACTNAS, SILU), s);

        SearchSpace f = yaml.readValue("""
                type: actnas
                base: {file: '%s'}
                activations: [relu, swish, identity]
                sites: 'c1.*'
                """.formatted(plainFile), SearchSpace.class);
        assertEquals(List.of("c1.act"), f.dimensions().stream().map(Dimension::name).toList());
        assertEquals(Choice.of(0), f.baseline());
        assertEquals(List.of("relu", "silu", "identity"), f.dimensions().get(0).options());
    }
}
