package io.hwnas.arch.zoo;

import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureCounts;
import io.hwnas.arch.ArchitectureJson;
import io.hwnas.arch.Conv2d;
import io.hwnas.arch.PRelu;
import io.hwnas.arch.Shape;
import io.hwnas.dl4j.GraphBuilder;
import io.hwnas.transform.Collapse;
import io.hwnas.transform.CollapseResult;
import io.hwnas.transform.Dl4jParameters;
import io.hwnas.transform.ExactnessOracle;
import io.hwnas.transform.Parameters;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SESR family against the paper's figures, its collapse from the training form, and DL4J at SR-patch size. */
class SesrTest {
    private static final Logger LOG = LoggerFactory.getLogger(SesrTest.class);
    /** An SR training patch's size: small enough for a forward pass and a step of every net in seconds. */
    private static final Shape PATCH = Shape.image(1, 32, 32);

    static List<String> names() {
        return List.copyOf(Sesrs.presets().keySet());
    }

    /** The conv weights: SESR's "weights"/"parameters" figures leave out the PReLU slopes. */
    private static long convWeights(Architecture arch) {
        return arch.nodes().stream().filter(n -> n.layer() instanceof Conv2d)
                .mapToLong(n -> n.layer().trainableParams(arch.inputShapes(n), arch.shape(n.id()))).sum();
    }

    /** Issue 21 and shared/docs/reference-numbers.md: collapsed SESR-M5 ×2, 1280×720 output. */
    @Test
    void collapsedM5x2HasThePublishedWeightsAndMacs() {
        Architecture m5 = ReferenceNetworks.byName("sesr_m5_x2");
        assertEquals(Shape.image(1, 360, 640), m5.input());
        assertEquals(Shape.image(1, 720, 1280), m5.shape(m5.output().id()));
        ArchitectureCounts counts = ArchitectureCounts.of(m5);
        assertEquals(13_520, convWeights(m5));
        assertEquals(13_520 + 5 * 16, counts.trainableParams(), "plus one PReLU slope per channel and block");
        double error = Math.abs(counts.macs() - 3.11e9) / 3.11e9;
        assertTrue(error < 0.01, counts.macs() + " MACs vs published 3.11 G");
        // every conv weight is used once per low-resolution pixel
        assertEquals(13_520L * 360 * 640, counts.macs());
    }

    /**
     * Every preset at its natural input: the conv weights are 5·5·f (first block) + m·3·3·f² + 5·5·f·scale² (last),
     * each used once per low-resolution pixel; so M3 ×2 has 8,912 weights and 2.05 G MACs, XL ×2 105,376 and
     * 24.28 G, M5 ×4 18,320 and 1.06 G.
     */
    @ParameterizedTest
    @CsvSource({
        "sesr_m3_x2, 16, 3, 2", "sesr_m5_x2, 16, 5, 2", "sesr_m7_x2, 16, 7, 2", "sesr_m11_x2, 16, 11, 2",
        "sesr_xl_x2, 32, 11, 2",
        "sesr_m3_x4, 16, 3, 4", "sesr_m5_x4, 16, 5, 4", "sesr_m7_x4, 16, 7, 4", "sesr_m11_x4, 16, 11, 4",
        "sesr_xl_x4, 32, 11, 4",
    })
    void everyPresetCountsItsTableDefinition(String name, int f, int m, int scale) {
        Architecture arch = ReferenceNetworks.byName(name);
        ArchitectureCounts counts = ArchitectureCounts.of(arch);
        long weights = 25L * f + m * 9L * f * f + 25L * f * scale * scale;
        LOG.info("{}: {} conv weights, {} trainable params, {} MACs at {}", name, convWeights(arch),
                counts.trainableParams(), counts.macs(), arch.input());
        assertEquals(weights, convWeights(arch), name);
        assertEquals(weights + (long) m * f, counts.trainableParams(), name);
        assertEquals(weights * (720 / scale) * (1280 / scale), counts.macs(), name);
        assertEquals(Shape.image(1, 720, 1280), arch.shape(arch.output().id()), name);
        assertEquals(m, arch.nodes().stream().filter(n -> n.layer() instanceof PRelu).count());
        assertEquals(0, ReferenceNetworks.naturalClasses(name), "a super-resolution net has no classes");
    }

    @Test
    void deployedStructureFollowsSesrPy() {
        Architecture m3 = Sesrs.presets().get("sesr_m3_x2").deployed(PATCH);
        assertEquals(List.of("input_block", "linear_block.1", "linear_block.1.prelu", "linear_block.2",
                "linear_block.2.prelu", "linear_block.3", "linear_block.3.prelu", "residual_1", "output_block",
                "depth_to_space", "input_upsample", "residual_2"), m3.nodes().stream().map(n -> n.id()).toList());
        // the first long residual adds the first block's output to the last PReLU's
        assertEquals(List.of("linear_block.3.prelu", "input_block"), m3.node("residual_1").inputs());
        assertEquals(Shape.image(4, 32, 32), m3.shape("output_block"));
        assertEquals(Shape.image(1, 64, 64), m3.shape("input_upsample"));
        assertEquals(m3, ArchitectureJson.read(ArchitectureJson.write(m3)));
    }

    /** The training form collapses into exactly the deployed net (SESR's Algorithms 1–2 are exact). */
    @ParameterizedTest
    @MethodSource("names")
    void expandedCollapsesIntoTheDeployedNet(String name) {
        Sesr sesr = Sesrs.presets().get(name);
        Architecture expanded = sesr.expanded(PATCH);
        CollapseResult collapsed = Collapse.deployment().apply(expanded);
        Architecture deployed = sesr.deployed(PATCH);
        ArchitectureCounts counts = ArchitectureCounts.of(collapsed.architecture());
        assertEquals(ArchitectureCounts.of(deployed).macs(), counts.macs(), name);
        assertEquals(ArchitectureCounts.of(deployed).trainableParams(), counts.trainableParams(), name);
        assertEquals(deployed.nodes().stream().map(n -> n.id()).toList(),
                collapsed.architecture().nodes().stream().map(n -> n.id()).toList(), name);
        assertTrue(ArchitectureCounts.of(expanded).macs() > counts.macs(), name + ": expanded is the costly form");
    }

    /**
     * The SESR README: "For the SESR-M5 network and a batch of 32 [64x64] images, training in expanded space takes
     * 41.77B MACs for a single forward pass" (p = 256). Its 1.84 B for collapsed training adds the per-step weight
     * collapse to the deployed net's 32 · 64² · 13,520 = 1.77 G.
     */
    @Test
    void expandedM5TrainingMacsAreTheReadmes() {
        Sesr m5 = Sesrs.presets().get("sesr_m5_x2");
        long expanded = 32 * ArchitectureCounts.of(m5.expanded(Shape.image(1, 64, 64))).macs();
        assertTrue(Math.abs(expanded - 41.77e9) < 0.0005 * 41.77e9, expanded + " MACs vs the README's 41.77 B");
        assertEquals(32L * 64 * 64 * 13_520, 32 * ArchitectureCounts.of(m5.deployed(Shape.image(1, 64, 64))).macs());
    }

    /** The collapsed weights compute what the expanded net computes, on a random patch. */
    @Test
    void collapsedM5ComputesTheExpandedNetsOutput() {
        Architecture expanded = Sesrs.presets().get("sesr_m5_x2").expanded(PATCH);
        CollapseResult collapsed = Collapse.deployment().apply(expanded);
        ComputationGraph before = GraphBuilder.buildFeatureRegression(expanded, 7, 1e-3);
        Parameters mapped = collapsed.weights().apply(Dl4jParameters.read(expanded, before));
        ComputationGraph after = GraphBuilder.buildFeatureRegression(collapsed.architecture(), 8, 1e-3);
        Dl4jParameters.write(collapsed.architecture(), mapped, after);
        INDArray x = Nd4j.rand(2, 1, 32, 32);
        INDArray a = before.outputSingle(x);
        INDArray b = after.outputSingle(x);
        assertArrayEquals(new long[] {2, 1, 64, 64}, b.shape());
        double diff = Transforms.abs(a.sub(b)).maxNumber().doubleValue();
        // fp32 rounding grows with the values summed (p = 256 products per expanded output): the oracle's bar
        double bar = Math.max(ExactnessOracle.FP32_TOLERANCE, 1e-5 * a.amaxNumber().doubleValue());
        LOG.info("SESR-M5 x2 expanded vs collapsed: max |Δ| = {} (max |y| = {}, bar {})", diff, a.amaxNumber(), bar);
        assertTrue(diff < bar, "max |Δ| = " + diff + ", bar " + bar);
    }

    /**
     * Each net runs forward in DL4J on a 32×32 patch in both forms, with exactly the IR's parameters, and takes a
     * training step on a batch of 2 (DL4J 1.0.0-M2's own PReLU backward failed here; hwnas's ChannelPReLU has its own).
     */
    @ParameterizedTest
    @MethodSource("names")
    void runsAndTrainsInDl4jExpandedAndDeployed(String name) {
        Sesr sesr = Sesrs.presets().get(name);
        for (Architecture arch : List.of(sesr.expanded(PATCH), sesr.deployed(PATCH))) {
            ComputationGraph graph = GraphBuilder.buildFeatureRegression(arch, 3, 1e-3);
            assertEquals(ArchitectureCounts.of(arch).trainableParams(), graph.numParams(), arch.name());
            INDArray x = Nd4j.rand(2, 1, 32, 32);
            INDArray out = graph.outputSingle(x);
            assertArrayEquals(new long[] {2, 1, 32L * sesr.scale(), 32L * sesr.scale()}, out.shape(), arch.name());
            INDArray before = graph.params().dup();
            graph.fit(new org.nd4j.linalg.dataset.DataSet(x, Nd4j.rand(out.dataType(), out.shape())));
            assertTrue(graph.params().neq(before).any(), arch.name() + ": a training step changes the weights");
        }
    }

    @Test
    void refusesColourInputsAndBadDefinitions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Sesrs.presets().get("sesr_m5_x2").deployed(Shape.image(3, 32, 32)));
        assertTrue(e.getMessage().contains("1 channel"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Sesr("s", 16, 5, 1, 256));
        assertTrue(e.getMessage().contains("'scale' = 1"), e.getMessage());
    }
}
