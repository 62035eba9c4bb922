package io.hwnas.onnx;

import io.hwnas.arch.Architecture;
import io.hwnas.arch.Shape;
import io.hwnas.arch.zoo.ReferenceNetworks;
import io.hwnas.arch.zoo.YoloDetector;
import io.hwnas.arch.zoo.Yolos;
import io.hwnas.dl4j.GraphBuilder;
import io.hwnas.dl4j.YoloHead;
import io.hwnas.transform.Collapse;
import io.hwnas.transform.CollapseResult;
import io.hwnas.transform.Dl4jParameters;
import io.hwnas.transform.ExactnessOracle;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every zoo net exported to ONNX and run in ONNX Runtime on 2 random inputs: every output (a detector's every
 * prediction map) must be DL4J's to the tolerance. Batch norms carry statistics of their inputs, so a classifier's
 * softmax is not one-hot. The minis, the super-resolution nets (on 64×64 crops: they are fully convolutional) and the
 * detectors are checked in their training-time form and collapsed for deployment; the full ImageNet classifiers, the
 * same ops at full width (up to 28 M parameters, 5 to 30 s each here), deployed only, on 64×64 inputs (global pooling
 * makes them size-agnostic), in the {@code slow} set.
 */
class OnnxZooTest {
    private static final Logger LOG = LoggerFactory.getLogger(OnnxZooTest.class);
    private static final Shape SMALL = Shape.image(3, 64, 64);

    static List<String> smallNets() {
        return ReferenceNetworks.names().stream().filter(n -> !fullImageNet(n)).toList();
    }

    static List<String> fullImageNetNets() {
        return ReferenceNetworks.names().stream().filter(OnnxZooTest::fullImageNet).toList();
    }

    private static boolean fullImageNet(String name) {
        return ReferenceNetworks.naturalInput(name).equals(ReferenceNetworks.IMAGENET_INPUT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("smallNets")
    void trainingAndDeployedFormsMatchDl4j(String name) {
        Shape natural = ReferenceNetworks.naturalInput(name);
        Shape input = natural.height() > SMALL.height() && !Yolos.presets().containsKey(name)
                ? Shape.image(natural.channels(), SMALL.height(), SMALL.width()) : natural;
        Architecture arch = ReferenceNetworks.byName(name, input, ReferenceNetworks.naturalClasses(name));
        INDArray inputs = OnnxNets.inputs(arch, 2, 9);
        ComputationGraph graph = OnnxNets.calibrated(arch, graph(name, arch), inputs);
        check(name + " (training form)", arch, graph, inputs);
        checkDeployed(name, arch, graph, inputs);
    }

    @Tag("slow") // 5 to 30 s per net here, 2 minutes in all: left out of `mvn test`, run by scripts/test
    @ParameterizedTest(name = "{0}")
    @MethodSource("fullImageNetNets")
    void fullImageNetClassifiersDeployedMatchDl4j(String name) {
        Architecture arch = ReferenceNetworks.byName(name, SMALL, ReferenceNetworks.IMAGENET_CLASSES);
        INDArray inputs = OnnxNets.inputs(arch, 2, 9);
        checkDeployed(name, arch, OnnxNets.calibrated(arch, graph(name, arch), inputs), inputs);
    }

    private static void checkDeployed(String name, Architecture arch, ComputationGraph graph, INDArray inputs) {
        CollapseResult deploy = Collapse.deployment().apply(arch);
        Architecture deployed = deploy.architecture();
        ComputationGraph deployedGraph = graph(name, deployed);
        Dl4jParameters.write(deployed, deploy.weights().apply(Dl4jParameters.read(arch, graph)), deployedGraph);
        check(name + " (deployed)", deployed, deployedGraph, inputs);
    }

    private static void check(String what, Architecture arch, ComputationGraph graph, INDArray inputs) {
        OnnxModel model = OnnxExport.of(arch, graph);
        assertEquals(YoloDetector.outputs(arch).size(), model.outputs().size());
        OnnxRuntimeCheck.Result r = OnnxRuntimeCheck.check(model, graph, inputs, what);
        LOG.info("{} {}: {} nodes, max |diff| {}, DL4J output std {}", what, arch.input(), arch.nodes().size(),
                r.maxAbsDiff(), graph.feedForward(inputs, false).get(model.sinks().get(0)).stdNumber());
        assertTrue(r.maxAbsDiff() <= ExactnessOracle.FP32_TOLERANCE, what + ": " + r);
    }

    /** A detector's graph has every prediction map as an output; the others end in their head's loss. */
    private static ComputationGraph graph(String name, Architecture arch) {
        return Yolos.presets().containsKey(name)
                ? GraphBuilder.buildDetection(arch, YoloHead.of(arch, ReferenceNetworks.naturalClasses(name), 16, 54),
                5, 1e-3)
                : GraphBuilder.buildForHead(arch, 5, 1e-3);
    }
}
