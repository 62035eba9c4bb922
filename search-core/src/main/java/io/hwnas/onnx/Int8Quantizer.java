package io.hwnas.onnx;

import onnx.Onnx;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Post-training int8 quantisation of an exported net, the way int8 NPUs run it (Ethos-U, and TFLite's int8 kernels):
 *
 * <ul>
 * <li>weights of every Conv and Gemm: int8, symmetric, one scale per output channel; biases int32 at
 *     s_input · s_weight[c]. Batch norm is already folded into the conv before it in a deployed net (the collapse),
 *     so it is quantised with the conv;</li>
 * <li>activations: int8, affine, one scale and zero point per tensor, at every op boundary (the net's input and each
 *     IR node's output, {@link OnnxModel#nodeTensors}), calibrated on images by {@link Calibration};</li>
 * <li>ReLU and ReLU6 are clamps in the output stage of the op before them: the op's own output is not quantised,
 *     only the activation's, whose range starts at 0 (and ends at ≤ 6), so the requantisation clamps, as ONNX
 *     Runtime's Conv+Relu fusion and an NPU's output stage do;</li>
 * <li>every other activation (SiLU, hard-swish, sigmoid, tanh, ...) reads a dequantised int8 tensor and is quantised
 *     again after it: the int8 output is a function of the int8 input alone, i.e. exactly a 256-entry lookup table,
 *     however ONNX Runtime computes the float in between.</li>
 * </ul>
 * The result is an ONNX QDQ model (QuantizeLinear/DequantizeLinear pairs), which ONNX Runtime runs with its integer
 * kernels and which converters (onnx2tf, TensorRT, vendor NPU compilers) read as a quantised net.
 */
public final class Int8Quantizer {
    private static final Set<String> CLAMPS = Set.of("Relu", "Clip");

    private Int8Quantizer() {
    }

    /** {@code fp32} (an {@link OnnxExport}) as int8, its activations calibrated on {@code images} (NCHW). */
    public static Int8Model quantize(OnnxModel fp32, INDArray images, Calibration calibration) {
        Onnx.ModelProto model = ActivationRanges.parse(fp32.bytes());
        requireFoldedBatchNorm(model.getGraph());
        List<String> tensors = activationTensors(model.getGraph(), fp32);
        Map<String, Int8Affine> ranges = ActivationRanges.of(fp32, tensors, images, calibration);
        QdqRewriter.Rewritten int8 = QdqRewriter.rewrite(model, ranges);
        OnnxModel quantised = new OnnxModel(int8.model().toByteArray(), fp32.input(), fp32.outputs(), fp32.sinks(),
                fp32.nodeTensors());
        return new Int8Model(quantised, calibration, images.size(0), tensors.size(), int8.int8Weights());
    }

    /**
     * Refuses a batch norm right after a conv: quantising the conv's weights before the batch norm scales them per
     * channel would spend int8 steps where none are needed; the deployed form (the collapse) folds it.
     */
    private static void requireFoldedBatchNorm(Onnx.GraphProto graph) {
        Set<String> convOutputs = new HashSet<>();
        graph.getNodeList().stream().filter(n -> n.getOpType().equals("Conv")).forEach(n -> convOutputs.add(n.getOutput(0)));
        for (Onnx.NodeProto n : graph.getNodeList()) {
            if (n.getOpType().equals("BatchNormalization") && convOutputs.contains(n.getInput(0))) {
                throw new IllegalArgumentException(n.getName() + ": a batch norm after a conv; quantise the deployed "
                        + "form, where the collapse folds it into the conv");
            }
        }
    }

    /**
     * The tensors held in int8: the input, every op boundary and every Conv/Gemm input (a classifier's flattened
     * feature map), except the graph's outputs (float, as the classifier's softmax reads its int8 logits) and an
     * op output only ReLU/ReLU6 read (their clamp is the op's output stage).
     */
    static List<String> activationTensors(Onnx.GraphProto graph, OnnxModel fp32) {
        Map<String, List<String>> readers = new HashMap<>();
        for (Onnx.NodeProto n : graph.getNodeList()) {
            for (String in : n.getInputList()) {
                readers.computeIfAbsent(in, k -> new ArrayList<>()).add(n.getOpType());
            }
        }
        Set<String> chosen = new LinkedHashSet<>();
        chosen.add(fp32.input());
        chosen.addAll(fp32.nodeTensors());
        graph.getNodeList().stream().filter(n -> n.getOpType().equals("Conv") || n.getOpType().equals("Gemm"))
                .forEach(n -> chosen.add(n.getInput(0)));
        chosen.removeAll(fp32.outputs());
        chosen.removeIf(t -> {
            List<String> ops = readers.getOrDefault(t, List.of());
            return !ops.isEmpty() && CLAMPS.containsAll(ops);
        });
        return List.copyOf(chosen);
    }
}
