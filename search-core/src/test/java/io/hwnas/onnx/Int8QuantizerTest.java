package io.hwnas.onnx;

import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.PoolKind;
import io.hwnas.data.DatasetSplit;
import io.hwnas.data.FashionMnist;
import io.hwnas.data.ImageDataset;
import io.hwnas.data.SplitSpec;
import io.hwnas.dl4j.GraphBuilder;
import io.hwnas.dl4j.Trainer;
import io.hwnas.dl4j.TrainingSettings;
import io.hwnas.space.ActivationSpace;
import io.hwnas.space.Choice;
import io.hwnas.space.ConvStage;
import io.hwnas.space.ImageInput;
import io.hwnas.transform.Collapse;
import io.hwnas.transform.CollapseResult;
import io.hwnas.transform.Dl4jParameters;
import onnx.Onnx;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.protobuf.InvalidProtocolBufferException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Small CNNs trained briefly on real Fashion-MNIST, quantised to int8 QDQ and run in ONNX Runtime: the int8 model
 * keeps the fp32 model's accuracy within a point or two, and its weights really are int8 in the file.
 */
class Int8QuantizerTest {
    private static DatasetSplit data;
    private static INDArray calibration;
    private static INDArray testImages;
    private static int[] testLabels;

    @BeforeAll
    static void load() throws Exception {
        assumeTrue(Files.isDirectory(Path.of(FashionMnist.DEFAULT_DIRECTORY)), "Fashion-MNIST not installed");
        data = FashionMnist.load(FashionMnist.DEFAULT_DIRECTORY, new SplitSpec(2000, 10, 1000, 3));
        Architecture any = net(ActivationType.RELU);
        calibration = Trainer.toDataSet(data.train(), IntStream.range(0, 256).toArray(), any).getFeatures();
        ImageDataset test = data.test();
        testImages = Trainer.toDataSet(test, IntStream.range(0, test.size()).toArray(), any).getFeatures();
        testLabels = test.labels();
    }

    private static ActivationSpace space(ActivationType activation) {
        return new ActivationSpace(new ImageInput(1, 28, 28), 10,
                List.of(new ConvStage(16, 1, 3, PoolKind.MAX), new ConvStage(32, 1, 3, PoolKind.MAX)),
                ActivationSpace.Head.GLOBAL_AVG, List.of(activation), List.of(1.0));
    }

    private static Architecture net(ActivationType activation) {
        return space(activation).decode(Choice.of(0, 0));
    }

    /**
     * The net with {@code activation} everywhere, trained briefly (or not), as fp32 ONNX of its deployed form: batch
     * norm folded into the convs, as {@code hwnas export} exports it.
     */
    private static OnnxModel deployed(ActivationType activation, boolean train) {
        Architecture arch = net(activation);
        ComputationGraph graph = GraphBuilder.build(arch, 5, 3e-3);
        if (train) {
            Trainer.train(graph, arch, data.train(), new TrainingSettings(2, 32, 3e-3), 5, Integer.MAX_VALUE);
        }
        CollapseResult collapse = space(activation).deploy(Choice.of(0, 0));
        return OnnxExport.of(collapse.architecture(), Dl4jParameters.transfer(arch, graph, collapse.result(), 5));
    }

    @ParameterizedTest
    @EnumSource(value = ActivationType.class, names = {"RELU6", "SILU", "HARD_SWISH"})
    void int8AccuracyInOnnxRuntimeStaysCloseToFp32(ActivationType activation) {
        OnnxModel fp32 = deployed(activation, true);
        double fp32Accuracy = OnnxAccuracy.top1(fp32, testImages, testLabels);
        assertTrue(fp32Accuracy > 0.45, activation + ": fp32 accuracy " + fp32Accuracy);
        for (Calibration method : Calibration.values()) {
            Int8Model int8 = Int8Quantizer.quantize(fp32, calibration, method);
            double int8Accuracy = OnnxAccuracy.top1(int8.model(), testImages, testLabels);
            assertEquals(fp32Accuracy, int8Accuracy, 0.02, activation + " " + method.id() + ": fp32 " + fp32Accuracy
                    + ", int8 " + int8Accuracy);
            assertEquals(256, int8.calibrationImages());
        }
    }

    /** What a sweep's {@code quantization: int8} scores: the trained net's weights in its folded form, as int8. */
    @Test
    void aTrainedNetIsScoredInItsDeployedFormAsInt8() {
        Architecture arch = net(ActivationType.HARD_SWISH);
        ComputationGraph graph = GraphBuilder.build(arch, 7, 3e-3);
        Trainer.train(graph, arch, data.train(), new TrainingSettings(1, 32, 3e-3), 7, Integer.MAX_VALUE);
        CollapseResult collapse = Collapse.deployment().apply(arch);
        assertFalse(collapse.applied().isEmpty(), "batch norms are folded: the weights go through the mapping");
        INDArray predicted = graph.outputSingle(false, testImages).argMax(1);
        double fp32 = IntStream.range(0, testLabels.length).filter(i -> predicted.getInt(i) == testLabels[i]).count()
                / (double) testLabels.length;
        assertTrue(fp32 > 0.45, "trained: " + fp32);
        double int8 = DeployedInt8.accuracy(arch, graph, collapse, 7, calibration, testImages, testLabels);
        assertEquals(fp32, int8, 0.02, "fp32 (DL4J, training-time form) " + fp32 + ", int8 " + int8);
    }

    @Test
    void weightsAreInt8PerChannelAndReluIsTheConvsOutputStage() throws InvalidProtocolBufferException {
        OnnxModel fp32 = deployed(ActivationType.RELU6, false);
        Int8Model int8 = Int8Quantizer.quantize(fp32, calibration, Calibration.MIN_MAX);
        Onnx.GraphProto graph = Onnx.ModelProto.parseFrom(int8.model().bytes()).getGraph();

        List<Onnx.NodeProto> convs = graph.getNodeList().stream().filter(n -> n.getOpType().equals("Conv")).toList();
        assertEquals(2, convs.size());
        assertEquals(3, int8.int8Weights(), "two convs and the dense layer");
        for (Onnx.NodeProto conv : convs) {
            Onnx.NodeProto weight = producer(graph, conv.getInput(1));
            assertEquals("DequantizeLinear", weight.getOpType());
            Onnx.TensorProto codes = initializer(graph, weight.getInput(0));
            assertEquals(Onnx.TensorProto.DataType.INT8, codes.getDataType());
            assertEquals(codes.getDims(0), initializer(graph, weight.getInput(1)).getDims(0), "a scale per channel");
            assertEquals(Onnx.TensorProto.DataType.INT32,
                    initializer(graph, producer(graph, conv.getInput(2)).getInput(0)).getDataType(), "bias, BN folded");
            assertEquals("DequantizeLinear", producer(graph, conv.getInput(0)).getOpType());
            // ReLU6 is the conv's output stage: the conv's float output goes straight into the clamp
            List<Onnx.NodeProto> readers = graph.getNodeList().stream()
                    .filter(n -> n.getInputList().contains(conv.getOutput(0))).toList();
            assertEquals(List.of("Clip"), readers.stream().map(Onnx.NodeProto::getOpType).toList());
        }
        Onnx.NodeProto gemm = graph.getNodeList().stream().filter(n -> n.getOpType().equals("Gemm")).findFirst()
                .orElseThrow();
        assertEquals(Onnx.TensorProto.DataType.INT32,
                initializer(graph, producer(graph, gemm.getInput(2)).getInput(0)).getDataType(), "the bias is int32");
        assertFalse(graph.getInitializerList().stream().anyMatch(t -> convs.stream()
                .anyMatch(c -> c.getInput(1).equals(t.getName()))), "no float copy of a conv weight is left");
    }

    @Test
    void siluIsQuantisedOnlyAtItsInputAndOutputSoItIsALookupTable() throws InvalidProtocolBufferException {
        OnnxModel fp32 = deployed(ActivationType.SILU, false);
        Onnx.GraphProto graph = Onnx.ModelProto.parseFrom(fp32.bytes()).getGraph();
        List<String> quantised = Int8Quantizer.activationTensors(graph, fp32);
        for (Onnx.NodeProto sigmoid : graph.getNodeList().stream().filter(n -> n.getOpType().equals("Sigmoid"))
                .toList()) {
            assertTrue(quantised.contains(sigmoid.getInput(0)), "the SiLU's input is int8");
            assertFalse(quantised.contains(sigmoid.getOutput(0)), "the gate inside the SiLU stays float");
        }
        assertTrue(quantised.contains(fp32.input()));
        assertFalse(quantised.contains(OnnxExport.OUTPUT));
    }

    @Test
    void affineRangesHoldZeroExactly() {
        Int8Affine minMax = Int8Affine.covering(-1, 100);
        assertEquals(101 / 255.0, minMax.scale(), 1e-6);
        assertEquals(-128 + 1 / minMax.scale(), minMax.zeroPoint(), 1);
        Int8Affine positive = Int8Affine.covering(0.5, 6);
        assertEquals(-128, positive.zeroPoint(), "the range is widened to hold 0, which a ReLU's zeros need exactly");
        assertNotEquals(0, Int8Affine.covering(0, 0).scale());
    }

    private static Onnx.NodeProto producer(Onnx.GraphProto graph, String tensor) {
        return graph.getNodeList().stream().filter(n -> n.getOutputList().contains(tensor)).findFirst().orElseThrow();
    }

    private static Onnx.TensorProto initializer(Onnx.GraphProto graph, String name) {
        return graph.getInitializerList().stream().filter(t -> t.getName().equals(name)).findFirst().orElseThrow();
    }
}
