package io.hwnas.space;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hwnas.arch.Activation;
import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureCounts;
import io.hwnas.arch.ArchitectureJson;
import io.hwnas.arch.Conv2d;
import io.hwnas.arch.DepthwiseConv2d;
import io.hwnas.arch.Node;
import io.hwnas.arch.Shape;
import io.hwnas.arch.Size2;
import io.hwnas.arch.zoo.InvertedResidualBlock;
import io.hwnas.arch.zoo.MobileNets;
import io.hwnas.arch.zoo.ReferenceNetworks;
import io.hwnas.dl4j.GraphBuilder;
import io.hwnas.io.Mappers;
import io.hwnas.transform.Collapse;
import io.hwnas.transform.CollapseResult;
import io.hwnas.transform.ExactnessOracle;
import io.hwnas.transform.OracleReport;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RanESpaceTest {
    private static final Logger LOG = LoggerFactory.getLogger(RanESpaceTest.class);
    private static final ImageInput MNIST = new ImageInput(1, 28, 28);

    private static RanESpace space(String base) {
        return new RanESpace(base, MNIST, 10, null, null);
    }

    /** Every block the given option where it is offered, mbconv elsewhere. */
    static Choice everywhere(SearchSpace s, RanEOption option) {
        List<Integer> genes = new ArrayList<>();
        for (Dimension d : s.dimensions()) {
            int i = d.options().indexOf(option.id());
            genes.add(i >= 0 ? i : d.options().indexOf(RanEOption.MBCONV.id()));
        }
        return new Choice(genes);
    }

    /**
     * The per-space contract on sampled points: validate, round-trip, build in DL4J, deploy within fp32 rounding
     * (1e-4, or 1e-5 of the largest activation: depthwise layers initialised with their real fan-in drive the
     * oracle's activations to ~50-80).
     */
    @ParameterizedTest
    @ValueSource(strings = {"mobilenet_v2_mini", "efficientnet_lite0_mini"})
    void sampledCandidatesRoundTripBuildAndDeployExactly(String base) {
        RanESpace s = space(base);
        List<Choice> sampled = Sampling.distinct(s, 4, 11);
        Set<String> seen = new LinkedHashSet<>();
        double worst = 0;
        for (Choice c : sampled) {
            seen.addAll(s.describe(c).values());
            OracleReport report = checkCandidate(s, c);
            assertTrue(report.withinFp32Rounding(), s.describe(c) + ": " + report + ", bar " + report.fp32Bar());
            worst = Math.max(worst, report.maxAbsDiff());
        }
        assertEquals(Set.of("mbconv", "regular", "linear", "fused"), seen, "the sample exercises every option");
        LOG.info("{}: {} sampled candidates deployed exactly, worst max |Δ| = {}", base, sampled.size(), worst);
    }

    /**
     * Each option at every block: the deepest chains of one kind of rewrite. Here the bar is relative:
     * fp32 rounding grows with the activations, and with the oracle's random batch-norm statistics
     * (γ/σ up to 3, data-independent) eight un-normalised linear blocks in a row reach activations of
     * ~40, where rounding alone approaches 1e-4 (relative ~2e-6). A real inexactness, a border for
     * instance, shows up orders of magnitude above either bar.
     */
    @ParameterizedTest
    @ValueSource(strings = {"mobilenet_v2_mini", "efficientnet_lite0_mini"})
    void eachOptionEverywhereDeploysExactlyUpToRounding(String base) {
        RanESpace s = space(base);
        for (RanEOption o : RanEOption.values()) {
            OracleReport report = checkCandidate(s, everywhere(s, o));
            assertTrue(report.withinFp32Rounding(), o.id() + " everywhere: " + report + ", bar " + report.fp32Bar());
        }
    }

    static OracleReport checkCandidate(RanESpace s, Choice c) {
        s.validate(c);
        Architecture arch = s.decode(c);
        Architecture back = ArchitectureJson.read(ArchitectureJson.write(arch));
        assertEquals(arch.fingerprint(), back.fingerprint());
        assertEquals(arch, back);

        ArchitectureCounts counts = ArchitectureCounts.of(arch);
        ComputationGraph graph = GraphBuilder.build(arch, 5, 1e-3);
        assertEquals(counts.trainableParams() + counts.stateParams(), graph.numParams(), s.describe(c).toString());

        CollapseResult deployed = s.deploy(c);
        OracleReport report = new ExactnessOracle(23, 2).compare(arch, deployed.result());
        LOG.info("{} {}: {} MACs trained, {} deployed; {}", s.base(), s.describe(c).values(), counts.macs(),
                ArchitectureCounts.of(deployed.architecture()).macs(), report);
        assertTrue(report.perVertex().containsKey("fc"), report.perVertex().keySet().toString());
        return report;
    }

    @ParameterizedTest
    @ValueSource(strings = {"mobilenet_v2", "efficientnet_lite0", "mobilenet_v2_mini", "efficientnet_lite0_mini"})
    void baselineIsTheReferenceNet(String base) {
        boolean mini = base.endsWith("_mini");
        ImageInput input = mini ? MNIST : new ImageInput(3, 224, 224);
        int classes = mini ? 10 : 1000;
        RanESpace s = new RanESpace(base, input, classes, null, null);
        Architecture reference = ReferenceNetworks.byName(base, input.toShape(), classes);
        Architecture decoded = s.decode(s.baseline());
        assertEquals(reference.fingerprint(), decoded.fingerprint());
        assertEquals(reference.nodes(), decoded.nodes(), "same ids, layers and wiring");
        assertTrue(s.describe(s.baseline()).values().stream().allMatch(RanEOption.MBCONV.id()::equals));
        // an MBConv net deploys with batch-norm folding only: no merge lowers its MACs
        assertEquals(ArchitectureCounts.of(reference).macs(),
                ArchitectureCounts.of(s.deploy(s.baseline()).architecture()).macs());
    }

    @Test
    void blocksWithoutExpansionOfferNoFused() {
        RanESpace s = space("efficientnet_lite0_mini");
        List<Dimension> dims = s.dimensions();
        assertEquals(MobileNets.EFFICIENTNET_LITE0_MINI.blocks().size(), dims.size());
        assertEquals(new Dimension("block.1", List.of("mbconv", "regular", "linear")), dims.get(0));
        assertEquals(new Dimension("block.2", List.of("mbconv", "regular", "linear", "fused")), dims.get(1));
        assertEquals(3L * (long) Math.pow(4, dims.size() - 1), s.size().longValueExact());
    }

    /** The conv layers of a net in execution order, as (kernel, out channels, depthwise?). */
    private static List<String> convs(Architecture arch) {
        return arch.nodes().stream().map(Node::layer).map(l -> l instanceof Conv2d c
                        ? "conv " + c.kernel().h() + "x" + c.kernel().w() + "->" + c.outChannels()
                        : l instanceof DepthwiseConv2d d ? "dw " + d.kernel().h() + "x" + d.kernel().w() : null)
                .filter(java.util.Objects::nonNull).toList();
    }

    @Test
    void regularAndLinearDeployToOneThreeByThreeConvPerBlockWithEqualMacs() {
        RanESpace s = space("efficientnet_lite0_mini");
        CollapseResult regular = s.deploy(everywhere(s, RanEOption.REGULAR));
        CollapseResult linear = s.deploy(everywhere(s, RanEOption.LINEAR));
        // stem, one 3×3 per block, head; ids may move (a block's leading BN folds into the conv before it)
        List<String> expected = new ArrayList<>(List.of("conv 3x3->16"));
        for (InvertedResidualBlock block : MobileNets.EFFICIENTNET_LITE0_MINI.blocks()) {
            expected.add("conv 3x3->" + block.outChannels());
        }
        expected.add("conv 1x1->256");
        assertEquals(expected, convs(regular.architecture()));
        assertEquals(expected, convs(linear.architecture()));
        assertEquals(ArchitectureCounts.of(regular.architecture()).macs(), ArchitectureCounts.of(linear.architecture()).macs());
        // the collapsed conv inherits the id of the linear block's 1×1, so the two are the same net
        assertEquals(regular.architecture().nodes(), linear.architecture().nodes());
        assertTrue(ArchitectureCounts.of(s.decode(everywhere(s, RanEOption.LINEAR))).macs()
                > ArchitectureCounts.of(linear.architecture()).macs(), "training in expanded form costs more");
    }

    @Test
    void fusedBlocksDeployWithoutDepthwiseAlthoughThatRaisesMacs() {
        RanESpace s = space("efficientnet_lite0_mini");
        Choice fused = everywhere(s, RanEOption.FUSED);
        Architecture trained = s.decode(fused);
        CollapseResult deployed = s.deploy(fused);
        // features.1 (t = 1) offers no fused and stays an MBConv: its depthwise is the only one left
        List<String> expected = new ArrayList<>(List.of("conv 3x3->16", "dw 3x3", "conv 1x1->8"));
        for (InvertedResidualBlock block : MobileNets.EFFICIENTNET_LITE0_MINI.blocks().subList(1, 8)) {
            expected.add("conv " + block.kernel() + "x" + block.kernel() + "->" + block.hiddenChannels());
            expected.add("conv 1x1->" + block.outChannels());
            // the merged conv keeps the depthwise's id and is followed by the activation, so its BN id is stable
            assertTrue(deployed.architecture().node(block.id() + ".dw.bn").layer() instanceof Conv2d, block.id());
        }
        expected.add("conv 1x1->256");
        assertEquals(expected, convs(deployed.architecture()));
        long trainedMacs = ArchitectureCounts.of(trained).macs();
        assertTrue(ArchitectureCounts.of(deployed.architecture()).macs() > trainedMacs);
        // which is why deploy merges explicitly: the MAC-vetting default leaves every depthwise in place
        Architecture byDefault = Collapse.deployment().apply(trained).architecture();
        assertEquals(trainedMacs, ArchitectureCounts.of(byDefault).macs());
        assertEquals(8, convs(byDefault).stream().filter(c -> c.startsWith("dw")).count());
    }

    @Test
    void activationOverrideReachesEveryActivation() {
        RanESpace s = new RanESpace("efficientnet_lite0_mini", MNIST, 10, ActivationType.HARD_SWISH, null);
        Architecture arch = s.decode(s.sample(new java.util.SplittableRandom(3)));
        List<ActivationType> acts = arch.nodes().stream().filter(n -> n.layer() instanceof Activation)
                .map(n -> ((Activation) n.layer()).function()).distinct().toList();
        assertEquals(List.of(ActivationType.HARD_SWISH), acts);
        assertEquals(ActivationType.RELU6, space("efficientnet_lite0_mini").activation(), "default: the base's");
    }

    @Test
    void optionsRestrictTheDimensions() {
        RanESpace s = new RanESpace("mobilenet_v2_mini", MNIST, 10, null, List.of(RanEOption.MBCONV, RanEOption.FUSED));
        assertEquals(List.of("mbconv"), s.dimensions().get(0).options());
        assertEquals(List.of("mbconv", "fused"), s.dimensions().get(1).options());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RanESpace("mobilenet_v2_mini", MNIST, 10, null, List.of(RanEOption.FUSED)));
        assertTrue(e.getMessage().contains("'options'") && e.getMessage().contains("features.1"), e.getMessage());
    }

    @Test
    void configErrorsNameFieldAndValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RanESpace("resnet18", MNIST, 10, null, null));
        assertTrue(e.getMessage().contains("'base' = 'resnet18'") && e.getMessage().contains("efficientnet_lite0_mini"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RanESpace.fromJson("mobilenet_v2_mini", MNIST, 10, null, List.of("mbconv", "repvgg")));
        assertTrue(e.getMessage().contains("'options'") && e.getMessage().contains("'repvgg'")
                && e.getMessage().contains("fused"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RanESpace.fromJson("mobilenet_v2_mini", MNIST, 10, "mish", null));
        assertTrue(e.getMessage().contains("'activation'") && e.getMessage().contains("'mish'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new RanESpace("mobilenet_v2_mini", MNIST, 1, null, null));
        assertTrue(e.getMessage().contains("'classes' = 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new RanESpace("mobilenet_v2_mini", MNIST, 10, null,
                List.of(RanEOption.LINEAR, RanEOption.LINEAR)));
        assertTrue(e.getMessage().contains("'options'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> space("mobilenet_v2_mini").decode(Choice.of(0, 9)));
        assertTrue(e.getMessage().contains("dimensions"), e.getMessage());
    }

    private static ObjectMapper yaml() {
        return Mappers.strictYaml();
    }

    @Test
    void parsesFromYamlAndRoundTrips() throws Exception {
        String text = """
                type: ran-e
                base: efficientnet_lite0_mini
                input: {channels: 1, height: 28, width: 28}
                classes: 10
                activation: hard_swish
                options: [mbconv, regular, fused]
                """;
        SearchSpace parsed = yaml().readValue(text, SearchSpace.class);
        RanESpace expected = new RanESpace("efficientnet_lite0_mini", MNIST, 10, ActivationType.HARD_SWISH,
                List.of(RanEOption.MBCONV, RanEOption.REGULAR, RanEOption.FUSED));
        assertEquals(expected, parsed);
        // JSON, not YAML: the YAML writer puts the type in a tag as well as in 'type', which it then cannot read
        ObjectMapper json = Mappers.json();
        assertEquals(expected, json.readValue(json.writeValueAsString(parsed), SearchSpace.class));

        SearchSpace defaults = yaml().readValue("{type: ran-e, base: mobilenet_v2_mini, "
                + "input: {channels: 1, height: 28, width: 28}}", SearchSpace.class);
        assertEquals(space("mobilenet_v2_mini"), defaults);
        assertNotEquals(expected, defaults);

        Exception e = assertThrows(Exception.class, () -> yaml().readValue(
                "{type: ran-e, base: vgg, input: {channels: 1, height: 28, width: 28}}", SearchSpace.class));
        assertTrue(e.getMessage().contains("'base' = 'vgg'"), e.getMessage());
    }

    @Test
    void exampleConfigSpaceParses() throws Exception {
        JsonNode config = yaml().readTree(Files.readString(Path.of("../examples/ran-e.yaml")));
        SearchSpace s = yaml().treeToValue(config.get("space"), SearchSpace.class);
        assertEquals(RanESpace.TYPE, s.type());
        assertEquals("efficientnet_lite0_mini", ((RanESpace) s).base());
        assertTrue(config.get("candidates").asInt() <= s.size().intValueExact());
        assertEquals(Shape.image(1, 28, 28), ((RanESpace) s).input().toShape());
    }
}
