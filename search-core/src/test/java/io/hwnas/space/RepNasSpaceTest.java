package io.hwnas.space;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hwnas.arch.Activation;
import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Add;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureBuilder;
import io.hwnas.arch.ArchitectureCounts;
import io.hwnas.arch.ArchitectureJson;
import io.hwnas.arch.BatchNorm;
import io.hwnas.arch.Conv2d;
import io.hwnas.arch.Dense;
import io.hwnas.arch.GlobalPool;
import io.hwnas.arch.Node;
import io.hwnas.arch.Pool2d;
import io.hwnas.arch.Size2;
import io.hwnas.dl4j.GraphBuilder;
import io.hwnas.io.Mappers;
import io.hwnas.transform.Collapse;
import io.hwnas.transform.CollapseResult;
import io.hwnas.transform.ExactnessOracle;
import io.hwnas.transform.OracleReport;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RepNasSpaceTest {
    private static final Logger LOG = LoggerFactory.getLogger(RepNasSpaceTest.class);

    /** s0.b0 1→4 and s1.b0 stride 2 have no identity; s1.b1 and s2.b0 (8→8, stride 1) have one. */
    private static final List<RepStage> STAGES = List.of(new RepStage(4, 1, 1), new RepStage(8, 2, 2),
            new RepStage(8, 1, 1));
    private static final List<String> SLOTS = List.of("s0.b0", "s1.b0", "s1.b1", "s2.b0");
    private static final int DIMENSIONS = 6 + 6 + 7 + 7;

    private static RepNasSpace space(int budget) {
        return new RepNasSpace(new ImageInput(1, 12, 12), 5, STAGES, null, budget, ActivationType.RELU);
    }

    private static ObjectMapper yaml() {
        return Mappers.strictYaml();
    }

    /** A choice with exactly {@code perSlot} on in every slot (skipping branches a slot does not offer). */
    private static Choice everySlot(RepNasSpace s, List<RepBranch> perSlot) {
        List<Integer> genes = new ArrayList<>();
        for (Dimension d : s.dimensions()) {
            String branch = d.name().substring(d.name().lastIndexOf('.') + 1);
            genes.add(perSlot.contains(RepBranch.fromId(branch)) ? 1 : 0);
        }
        return new Choice(genes);
    }

    private static int switchedOn(Choice c) {
        return c.genes().stream().mapToInt(Integer::intValue).sum();
    }

    // (1) sampled candidates: admissible, valid, JSON round trip, DL4J build, exact one-conv-per-slot deployment

    @Test
    void sampledCandidatesDecodeBuildAndCollapseExactlyToOneConvPerSlot() {
        RepNasSpace s = space(10);
        List<Choice> choices = Sampling.distinct(s, 10, 11);
        assertEquals(10, choices.size());
        double worst = 0;
        for (Choice c : choices) {
            assertEquals(Optional.empty(), s.violation(c), c.toString());
            Architecture arch = s.decode(c);
            assertEquals(arch.fingerprint(), ArchitectureJson.read(ArchitectureJson.write(arch)).fingerprint());
            ComputationGraph graph = GraphBuilder.build(arch, 5, 1e-3);
            ArchitectureCounts counts = ArchitectureCounts.of(arch);
            assertEquals(counts.trainableParams() + counts.stateParams(), graph.numParams());
            worst = Math.max(worst, assertDeploysExactly(s, c).maxAbsDiff());
        }
        LOG.info("10 sampled RepNAS candidates deploy exactly; worst max |Δ| {}", worst);
    }

    /** Every branch kind alone in every slot (chains included), ACNet's pair, and 1×1 → avg-pool with identity. */
    @Test
    void everyBranchKindCollapsesExactly() {
        RepNasSpace s = space(DIMENSIONS);
        List<List<RepBranch>> cases = new ArrayList<>();
        for (RepBranch b : RepBranch.values()) {
            if (!b.isIdentity()) {
                cases.add(List.of(b));
            }
        }
        cases.add(List.of(RepBranch.CONV_1X3, RepBranch.CONV_3X1));
        cases.add(List.of(RepBranch.CONV_1X1_AVG, RepBranch.IDENTITY));
        double worst = 0;
        for (List<RepBranch> perSlot : cases) {
            worst = Math.max(worst, assertDeploysExactly(s, everySlot(s, perSlot)).maxAbsDiff());
        }
        LOG.info("{} branch combinations deploy exactly; worst max |Δ| {}", cases.size(), worst);
    }

    /**
     * All seven branches on, on an odd input (9×9, stride 2 to 5×5) with identity slots on both sides
     * of the downsampling. Three slots, not the four of the other tests: summing seven branches, each
     * with the oracle's random batch-norm statistics, grows activations about tenfold per slot (415
     * after four slots), and fp32 rounding, ~3e-7 relative, grows with them past the absolute bar.
     */
    @Test
    void allBranchesOnCollapseExactly() {
        RepNasSpace s = new RepNasSpace(new ImageInput(4, 9, 9), 5, List.of(new RepStage(4, 1, 1),
                new RepStage(6, 2, 2)), null, 20, ActivationType.HARD_SWISH);
        Choice all = new Choice(Collections.nCopies(s.dimensions().size(), 1));
        assertEquals(7 + 6 + 7, switchedOn(all));
        LOG.info("all branches on: {}", assertDeploysExactly(s, all));
    }

    private static OracleReport assertDeploysExactly(RepNasSpace s, Choice c) {
        Architecture training = s.decode(c);
        CollapseResult deployed = s.deploy(c);
        Architecture d = deployed.architecture();
        // branch ids have no dots, so a dimension's slot is the name up to its last one
        List<String> slots = s.dimensions().stream().map(x -> x.name().substring(0, x.name().lastIndexOf('.')))
                .distinct().toList();
        assertEquals(List.of(), deployed.refusals(), c.toString());
        assertEquals(2 * slots.size() + 2, d.nodes().size(), () -> c + ": " + d.nodes());
        String previous = Node.INPUT;
        for (String slot : slots) {
            List<Node> nodes = d.nodes().stream().filter(n -> n.id().startsWith(slot + ".")).toList();
            assertEquals(2, nodes.size(), () -> slot + " of " + c + ": " + nodes);
            Conv2d conv = assertInstanceOf(Conv2d.class, nodes.get(0).layer(), slot);
            assertTrue(conv.bias(), slot);
            assertEquals(List.of(previous), nodes.get(0).inputs(), slot);
            assertEquals(new Activation(s.activation()), nodes.get(1).layer(), slot);
            assertEquals(slot + ".act", nodes.get(1).id());
            previous = nodes.get(1).id();
        }
        assertFalse(d.nodes().stream().anyMatch(n -> n.layer() instanceof BatchNorm || n.layer() instanceof Add
                || n.layer() instanceof Pool2d), d.nodes().toString());
        OracleReport report = new ExactnessOracle(23, 3).compare(training, deployed.result());
        assertTrue(report.perVertex().containsKey("classifier"), report.perVertex().keySet().toString());
        assertTrue(report.within(ExactnessOracle.FP32_TOLERANCE), c + ": " + report);
        return report;
    }

    /**
     * Why deploy targets each slot: the generic deployment vetoes merges that raise MACs, which
     * 1×3 + 3×1 (6 → 9 taps) and a lone 1×1 → avg-pool (the IR counts pooling as element ops, not
     * MACs) do, so it would leave them in their training-time form.
     */
    @Test
    void genericDeploymentWouldLeaveSomeSlotsUnmerged() {
        RepNasSpace s = space(DIMENSIONS);
        long plainMacs = ArchitectureCounts.of(s.deploy(s.baseline()).architecture()).macs();
        for (List<RepBranch> perSlot : List.of(List.of(RepBranch.CONV_1X3, RepBranch.CONV_3X1),
                List.of(RepBranch.CONV_1X1_AVG))) {
            Choice c = everySlot(s, perSlot);
            CollapseResult generic = Collapse.deployment().apply(s.decode(c));
            List<Node> left = generic.architecture().nodes();
            assertTrue(left.size() > 2 * SLOTS.size() + 2, left::toString);
            assertTrue(generic.refusals().stream().anyMatch(r -> r.reason().contains("would raise the network's MACs")),
                    generic.refusals().toString());
            assertEquals(plainMacs, ArchitectureCounts.of(s.deploy(c).architecture()).macs(), perSlot + " spans 3x3");
        }
    }

    // (2) budget, violations, determinism, neighbours, baseline

    @Test
    void samplesRespectTheBudgetAndKeepAConvInEverySlot() {
        RepNasSpace s = space(6);
        assertEquals(DIMENSIONS, s.dimensions().size());
        assertEquals(List.of("off", "on"), s.dimensions().get(0).options());
        assertEquals("s1.b1.identity", s.dimensions().get(18).name());
        SplittableRandom rng = new SplittableRandom(1);
        for (int i = 0; i < 300; i++) {
            Choice c = s.sample(rng);
            assertTrue(switchedOn(c) <= 6, c.toString());
            assertEquals(Optional.empty(), s.violation(c), c.toString());
        }
    }

    @Test
    void violationsSayWhichSlotAndWhichNumbers() {
        RepNasSpace s = space(10);
        Choice none = new Choice(Collections.nCopies(DIMENSIONS, 0));
        assertEquals(Optional.of("slot 's0.b0' has no branch on (every slot needs one)"), s.violation(none));
        Choice identityOnly = s.baseline().with(indexOf(s, "s1.b1.3x3"), 0).with(indexOf(s, "s1.b1.identity"), 1);
        assertEquals("slot 's1.b1' has only the identity branch on; it needs a conv branch to deploy as a conv",
                s.violation(identityOnly).orElseThrow());
        Choice all = new Choice(Collections.nCopies(DIMENSIONS, 1));
        assertEquals(Optional.of("26 branches are on, the budget allows 10"), s.violation(all));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.decode(all));
        assertTrue(e.getMessage().contains("not admissible in the repnas space: 26 branches"), e.getMessage());
    }

    @Test
    void samplingIsSeededAndNeighboursStayAdmissible() {
        RepNasSpace s = space(8);
        assertEquals(Sampling.distinct(s, 12, 3), Sampling.distinct(s, 12, 3));
        assertNotEquals(Sampling.distinct(s, 12, 3), Sampling.distinct(s, 12, 4));
        assertEquals(s.sample(new SplittableRandom(9)), s.sample(new SplittableRandom(9)));
        for (Choice c : Sampling.distinct(s, 5, 3)) {
            List<Choice> near = s.neighbours(c);
            assertFalse(near.isEmpty());
            for (Choice n : near) {
                assertEquals(Optional.empty(), s.violation(n), n.toString());
                int diff = 0;
                for (int i = 0; i < DIMENSIONS; i++) {
                    diff += n.gene(i) != c.gene(i) ? 1 : 0;
                }
                assertEquals(1, diff);
            }
        }
        // from the baseline every other branch may be added, but no slot's only 3x3 removed
        assertEquals(DIMENSIONS - SLOTS.size(), s.neighbours(s.baseline()).size());
    }

    @Test
    void baselineIsThePlainThreeByThreeNet() {
        RepNasSpace s = space(4);
        Map<String, String> described = s.describe(s.baseline());
        described.forEach((dim, option) -> assertEquals(dim.endsWith(".3x3") ? "on" : "off", option, dim));
        RepNasSpace noSquare = new RepNasSpace(new ImageInput(1, 12, 12), 5, STAGES,
                List.of(RepBranch.CONV_1X1, RepBranch.CONV_1X1_AVG, RepBranch.IDENTITY), 4, null);
        noSquare.describe(noSquare.baseline()).forEach((dim, option) ->
                assertEquals(dim.endsWith(".1x1-avg") ? "on" : "off", option, dim));
    }

    // (3) configuration errors name the field, the value and what is allowed

    @Test
    void invalidConfigurationsAreRejectedByField() {
        ImageInput in = new ImageInput(1, 12, 12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> space(3));
        assertEquals("field 'budget' = 3 must be >= 4, the number of conv slots (each slot needs a branch)",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new RepNasSpace(in, 5, List.of(), null, 4, null));
        assertEquals("field 'stages' must list at least one stage", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new RepNasSpace(in, 5, STAGES,
                List.of(RepBranch.CONV_3X3, RepBranch.CONV_3X3), 4, null));
        assertTrue(e.getMessage().contains("field 'branches' = [3x3, 3x3] lists a branch twice"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new RepNasSpace(in, 5, STAGES,
                List.of(RepBranch.IDENTITY), 4, null));
        assertTrue(e.getMessage().startsWith("field 'branches' = [identity] needs a conv branch"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new RepNasSpace(in, 5, STAGES, null, 4,
                ActivationType.IDENTITY));
        assertTrue(e.getMessage().startsWith("field 'activation' = identity is not allowed"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new RepStage(8, 1, 3));
        assertEquals("field 'stride' = 3 is not allowed (allowed: 1, 2)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RepNasSpace.fromJson(in, null, STAGES,
                List.of("3x3", "5x5"), 4, null, null));
        assertEquals("field 'branches' = [3x3, 5x5]: unknown branch '5x5' (allowed: 1x1, 3x3, 1x3, 3x1, 1x1-3x3, "
                + "1x1-avg, identity)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RepNasSpace.fromJson(in, null, STAGES, null, null, null, null));
        assertTrue(e.getMessage().startsWith("field 'budget' is required"), e.getMessage());
    }

    @Test
    void yamlErrorsCarryTheFieldMessage() {
        String bad = """
                type: repnas
                input: {channels: 1, height: 12, width: 12}
                stages: [{channels: 4}]
                branches: [3x3, 5x5]
                budget: 2
                """;
        Exception e = assertThrows(Exception.class, () -> yaml().readValue(bad, SearchSpace.class));
        assertTrue(e.getMessage().contains("field 'branches' = [3x3, 5x5]: unknown branch '5x5' (allowed: "),
                e.getMessage());
    }

    /** RepNAS builds its own net: a base is refused, naming what in it the branch set cannot replace. */
    @Test
    void aBaseNetIsRefusedNamingTheNode() {
        String v3 = """
                type: repnas
                input: {channels: 1, height: 28, width: 28}
                stages: [{channels: 4}]
                budget: 2
                base: {reference: mobilenet_v3_small_mini, input: {channels: 1, height: 28, width: 28}, classes: 10}
                """;
        Exception e = assertThrows(Exception.class, () -> yaml().readValue(v3, SearchSpace.class));
        assertTrue(e.getMessage().contains("field 'base' = reference 'mobilenet_v3_small_mini': node 'features.1.dw' "
                + "is depthwise_conv2d, which RepNAS's dense branch set cannot stand in for"), e.getMessage());
        assertTrue(e.getMessage().contains("repnas builds its own net from 'stages' and takes no base"),
                e.getMessage());
        Exception plain = assertThrows(Exception.class, () -> yaml().readValue(v3.replace("mobilenet_v3_small_mini",
                "resnet18_mini"), SearchSpace.class));
        assertTrue(plain.getMessage().contains("field 'base' = reference 'resnet18_mini': repnas builds its own net"),
                plain.getMessage());
    }

    // (4) Jackson: the polymorphic config form reads and writes back

    @Test
    void readsFromYamlAsASearchSpaceAndWritesBack() throws Exception {
        String text = """
                type: repnas
                input: {channels: 1, height: 12, width: 12}
                stages:
                  - {channels: 4}
                  - {channels: 8, blocks: 2, stride: 2}
                branches: [3x3, 1x1, identity, 1x1-avg]
                budget: 7
                activation: relu6
                """;
        SearchSpace read = yaml().readValue(text, SearchSpace.class);
        RepNasSpace expected = new RepNasSpace(new ImageInput(1, 12, 12), 10,
                List.of(new RepStage(4, 1, 1), new RepStage(8, 2, 2)),
                List.of(RepBranch.CONV_1X1, RepBranch.CONV_3X3, RepBranch.CONV_1X1_AVG, RepBranch.IDENTITY), 7,
                ActivationType.RELU6);
        assertEquals(expected, read);
        assertEquals(3 + 3 + 4, read.dimensions().size());
        ObjectMapper json = Mappers.json();
        String written = json.writeValueAsString(read);
        assertTrue(written.contains("\"type\":\"repnas\"")
                && written.contains("\"branches\":[\"1x1\",\"3x3\",\"1x1-avg\",\"identity\"]"), written);
        assertEquals(read, json.readValue(written, SearchSpace.class));
        // sweep configs, and so their space, are Java-serialised to Spark executors
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(read);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(read, in.readObject());
        }
    }

    /** The example sweep's space parses and deploys; it runs once the type is registered. */
    @Test
    void exampleSweepSpaceParsesAndDeploys() throws Exception {
        JsonNode sweep = yaml().readTree(Files.readString(Path.of("..", "examples", "repnas.yaml")));
        RepNasSpace s = (RepNasSpace) yaml().treeToValue(sweep.get("space"), SearchSpace.class);
        long plain = ArchitectureCounts.of(s.deploy(s.baseline()).architecture()).macs();
        for (Choice c : Sampling.distinct(s, sweep.get("candidates").asInt(), sweep.get("seed").asLong())) {
            assertTrue(ArchitectureCounts.of(s.deploy(c).architecture()).macs() <= plain, c.toString());
        }
    }

    // (5) MACs: a slot deploys to the union of its branches' windows, so the deployed net is the plain
    // 3×3 net whenever every slot spans 3×3, whichever other branches are on, and never costs more

    @Test
    void deployedMacsEqualThePlainNetWheneverEverySlotSpansThreeByThree() {
        RepNasSpace s = space(DIMENSIONS);
        Architecture plain = plainNet();
        long plainMacs = ArchitectureCounts.of(plain).macs();
        assertEquals(plain.fingerprint(), s.deploy(s.baseline()).architecture().fingerprint());
        SplittableRandom rng = new SplittableRandom(5);
        for (int i = 0; i < 8; i++) {
            Choice c = s.sample(rng);
            // a 3x3 extent in every slot (the 3x3 itself, or a chain) makes the deployed kernel 3x3
            for (String slot : SLOTS) {
                c = c.with(indexOf(s, slot + (i % 2 == 0 ? ".3x3" : ".1x1-avg")), 1);
            }
            Architecture deployed = s.deploy(c).architecture();
            assertEquals(plainMacs, ArchitectureCounts.of(deployed).macs(), c.toString());
            assertEquals(plain.fingerprint(), deployed.fingerprint(), "the deployed form is the plain net: " + c);
        }
    }

    @Test
    void deployedMacsFollowEachSlotsWindowAndNeverExceedThePlainNet() {
        RepNasSpace s = space(10);
        long plainMacs = ArchitectureCounts.of(plainNet()).macs();
        // per slot: in, out, output height (12×12 input; s1.b0 halves it)
        int[][] geometry = {{1, 4, 12}, {4, 8, 6}, {8, 8, 6}, {8, 8, 6}};
        for (Choice c : Sampling.distinct(s, 20, 17)) {
            Map<String, String> described = s.describe(c);
            long expected = 8 * 5; // classifier after global pooling
            for (int i = 0; i < SLOTS.size(); i++) {
                int h = 0;
                int w = 0;
                for (RepBranch b : RepBranch.values()) {
                    if ("on".equals(described.get(SLOTS.get(i) + "." + b.id()))) {
                        h = Math.max(h, b.window().h());
                        w = Math.max(w, b.window().w());
                    }
                }
                int[] g = geometry[i];
                expected += (long) h * w * g[0] * g[1] * g[2] * g[2];
            }
            long macs = ArchitectureCounts.of(s.deploy(c).architecture()).macs();
            assertEquals(expected, macs, c.toString());
            assertTrue(macs <= plainMacs, c.toString());
        }
    }

    private static int indexOf(RepNasSpace s, String dimension) {
        List<Dimension> dims = s.dimensions();
        for (int i = 0; i < dims.size(); i++) {
            if (dims.get(i).name().equals(dimension)) {
                return i;
            }
        }
        throw new AssertionError("no dimension " + dimension);
    }

    /** The same stages as a plain 3×3 conv-with-bias → ReLU net, built by hand. */
    private static Architecture plainNet() {
        ArchitectureBuilder b = new ArchitectureBuilder("plain", new ImageInput(1, 12, 12).toShape());
        int[][] slots = {{4, 1}, {8, 2}, {8, 1}, {8, 1}};
        for (int i = 0; i < slots.length; i++) {
            b.add("c" + i, new Conv2d(slots[i][0], Size2.of(3), Size2.of(slots[i][1]), Size2.of(1), Size2.of(1), 1,
                    true));
            b.add("a" + i, new Activation(ActivationType.RELU));
        }
        b.add("gp", GlobalPool.avg());
        b.add("fc", Dense.of(5));
        return b.build();
    }
}
