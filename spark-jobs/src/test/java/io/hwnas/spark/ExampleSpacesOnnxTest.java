package io.hwnas.spark;

import io.hwnas.arch.Architecture;
import io.hwnas.arch.zoo.YoloDetector;
import io.hwnas.dl4j.GraphBuilder;
import io.hwnas.dl4j.YoloHead;
import io.hwnas.onnx.OnnxExport;
import io.hwnas.onnx.OnnxModel;
import io.hwnas.onnx.OnnxRuntimeCheck;
import io.hwnas.space.Choice;
import io.hwnas.space.SearchSpace;
import io.hwnas.spark.config.SweepConfig;
import io.hwnas.spark.config.SweepConfigLoader;
import io.hwnas.spark.finaltrain.FinalTrainingData;
import io.hwnas.transform.CollapseResult;
import io.hwnas.transform.Dl4jParameters;
import io.hwnas.transform.ExactnessOracle;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Candidates sampled from every example's space, deployed as a sweep deploys them, with freshly initialised weights,
 * exported to ONNX and run in ONNX Runtime on random inputs: every output must be the deployed DL4J graph's to the
 * tolerance. {@code hwnas export} itself is covered on a real run by {@code ExportCommandTest}.
 */
class ExampleSpacesOnnxTest {
    private static final Logger LOG = LoggerFactory.getLogger(ExampleSpacesOnnxTest.class);
    private static final int CANDIDATES = 2;
    private static final int INPUTS = 4;

    /** The example of every network and super-resolution kind, and those on MobileNetV3 and on a detector. */
    static Stream<String> examples() {
        return Stream.of(SpaceExamples.networkKinds(), SpaceExamples.superResolutionKinds(),
                Stream.of("ran-e-mobilenetv3", "actnas-mobilenetv3", "actnas-detection")).flatMap(s -> s);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void sampledCandidatesExportAndMatchDl4j(String example) {
        SweepConfig sweep = SweepConfigLoader.load(Path.of("..", "examples", example + ".yaml"));
        SearchSpace space = sweep.space();
        SplittableRandom rng = new SplittableRandom(24);
        for (int i = 0; i < CANDIDATES; i++) {
            Choice choice = space.sample(rng);
            Architecture arch = space.decode(choice);
            CollapseResult deploy = space.deploy(choice);
            Architecture deployed = deploy.architecture();
            ComputationGraph graph = graph(sweep, arch, i);
            ComputationGraph deployedGraph = graph(sweep, deployed, i);
            Dl4jParameters.write(deployed, deploy.weights().apply(Dl4jParameters.read(arch, graph)), deployedGraph);

            OnnxModel model = OnnxExport.of(deployed, deployedGraph);
            assertEquals(YoloDetector.outputs(deployed).size(), model.outputs().size());
            Nd4j.getRandom().setSeed(i);
            INDArray inputs = Nd4j.randn(DataType.FLOAT, INPUTS, deployed.input().channels(), deployed.input().height(),
                    deployed.input().width());
            String what = example + " " + choice;
            OnnxRuntimeCheck.Result r = OnnxRuntimeCheck.check(model, deployedGraph, inputs, what);
            LOG.info("{}: {} rewrites, {} deployed nodes, ONNX max |diff| {}", what, deploy.applied().size(),
                    deployed.nodes().size(), r.maxAbsDiff());
            assertTrue(r.maxAbsDiff() <= ExactnessOracle.FP32_TOLERANCE, what + ": " + r);
        }
    }

    /** The graph a sweep trains for the task: a detector's with its every prediction map as an output. */
    private static ComputationGraph graph(SweepConfig sweep, Architecture arch, long seed) {
        if (sweep.task().isDetection()) {
            return GraphBuilder.buildDetection(arch, YoloHead.of(arch, 10, 16, 54), seed, 1e-3);
        }
        return FinalTrainingData.build(sweep.task(), arch, seed, sweep.training().learningRate());
    }
}
