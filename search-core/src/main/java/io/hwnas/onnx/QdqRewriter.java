package io.hwnas.onnx;

import onnx.Onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.hwnas.onnx.OnnxGraphWriter.integer;

/**
 * An fp32 model rewritten as an int8 QDQ model: QuantizeLinear → DequantizeLinear after each chosen activation
 * tensor (per-tensor affine int8), every Conv and Gemm weight stored as int8 with one symmetric scale per output
 * channel and its bias as int32 at scale s_input · s_weight[c] (zero point 0), each read through a DequantizeLinear
 * (axis 0). Everything else, the graph's other initialisers and ops, is kept as it was. ONNX Runtime fuses
 * DQ → Conv/Gemm → Q into its integer kernels (QLinearConv, QGemm); what it leaves in float between a DQ and a Q
 * computes a function of the int8 input alone.
 */
final class QdqRewriter {
    static final int WEIGHT_MAX = 127;

    private final Onnx.GraphProto source;
    private final Map<String, Int8Affine> activations;
    private final Map<String, Onnx.TensorProto> initializers = new HashMap<>();
    private final Map<String, String> renamed = new HashMap<>();
    private final Onnx.GraphProto.Builder graph;
    private final OnnxGraphWriter w;
    private int weights;

    private QdqRewriter(Onnx.GraphProto source, Map<String, Int8Affine> activations) {
        this.source = source;
        this.activations = activations;
        source.getInitializerList().forEach(t -> initializers.put(t.getName(), t));
        graph = source.toBuilder().clearNode().clearInitializer();
        w = new OnnxGraphWriter(graph);
        source.getInputList().forEach(v -> w.reserve(v.getName()));
        source.getInitializerList().forEach(t -> w.reserve(t.getName()));
        source.getNodeList().forEach(n -> n.getOutputList().forEach(w::reserve));
    }

    /** What {@link #rewrite} made: the model and how many weight tensors it stores in int8. */
    record Rewritten(Onnx.ModelProto model, int int8Weights) {
    }

    /**
     * @param activations the activation tensors to quantise and their ranges; a Conv or Gemm input must be among
     *     them (its bias scale depends on it)
     */
    static Rewritten rewrite(Onnx.ModelProto fp32, Map<String, Int8Affine> activations) {
        QdqRewriter r = new QdqRewriter(fp32.getGraph(), activations);
        Onnx.GraphProto graph = r.build();
        return new Rewritten(fp32.toBuilder().setGraph(graph).build(), r.weights);
    }

    private Onnx.GraphProto build() {
        Set<String> quantisedWeights = new HashSet<>();
        for (Onnx.NodeProto n : source.getNodeList()) {
            if (isConvOrGemm(n)) {
                n.getInputList().stream().skip(1).forEach(quantisedWeights::add);
            }
        }
        source.getInitializerList().stream().filter(t -> !quantisedWeights.contains(t.getName()))
                .forEach(graph::addInitializer);
        source.getInputList().forEach(v -> quantiseActivation(v.getName()));
        for (Onnx.NodeProto n : source.getNodeList()) {
            List<String> inputs = new ArrayList<>();
            for (String in : n.getInputList()) {
                inputs.add(renamed.getOrDefault(in, in));
            }
            if (isConvOrGemm(n)) {
                Int8Affine input = activations.get(n.getInput(0));
                if (input == null) {
                    throw new IllegalArgumentException(n.getOpType() + " " + n.getName() + ": its input "
                            + n.getInput(0) + " has no int8 range");
                }
                float[] scales = weight(n.getInput(1), inputs);
                if (n.getInputCount() > 2) {
                    bias(n.getInput(2), input.scale(), scales, inputs);
                }
            }
            graph.addNode(n.toBuilder().clearInput().addAllInput(inputs));
            n.getOutputList().forEach(this::quantiseActivation);
        }
        return graph.build();
    }

    private static boolean isConvOrGemm(Onnx.NodeProto n) {
        return n.getOpType().equals("Conv") || n.getOpType().equals("Gemm");
    }

    /** QuantizeLinear → DequantizeLinear on {@code tensor} when it is chosen; its readers read the dequantised copy. */
    private void quantiseActivation(String tensor) {
        Int8Affine q = activations.get(tensor);
        if (q == null) {
            return;
        }
        String scale = w.scalar(tensor + ".scale", q.scale());
        String zero = w.int8s(tensor + ".zero_point", new byte[] {q.zeroPoint()});
        String quantised = w.fresh(tensor + ".int8");
        w.node("QuantizeLinear", List.of(tensor, scale, zero), quantised);
        String dequantised = w.fresh(tensor + ".dequantized");
        w.node("DequantizeLinear", List.of(quantised, scale, zero), dequantised);
        renamed.put(tensor, dequantised);
    }

    /** Replaces input 1 of {@code inputs} by the int8 weight's DequantizeLinear; returns the per-channel scales. */
    private float[] weight(String name, List<String> inputs) {
        Onnx.TensorProto t = initializers.get(name);
        float[] v = floats(t);
        int channels = (int) t.getDims(0);
        int per = v.length / channels;
        float[] scales = new float[channels];
        byte[] q = new byte[v.length];
        for (int c = 0; c < channels; c++) {
            float largest = 0;
            for (int k = 0; k < per; k++) {
                largest = Math.max(largest, Math.abs(v[c * per + k]));
            }
            scales[c] = largest > 0 ? largest / WEIGHT_MAX : 1f;
            for (int k = 0; k < per; k++) {
                int code = Math.round(v[c * per + k] / scales[c]);
                q[c * per + k] = (byte) Math.max(-WEIGHT_MAX, Math.min(WEIGHT_MAX, code));
            }
        }
        long[] dims = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
        String codes = w.int8s(name + ".int8", q, dims);
        String scale = w.floats(name + ".scale", scales, channels);
        String zero = w.int8s(name + ".zero_point", new byte[channels], channels);
        String dequantised = w.fresh(name + ".dequantized");
        w.node("DequantizeLinear", List.of(codes, scale, zero), dequantised, integer("axis", 0));
        inputs.set(1, dequantised);
        weights++;
        return scales;
    }

    /** Replaces input 2 of {@code inputs} by the int32 bias's DequantizeLinear, at scale s_input · s_weight[c]. */
    private void bias(String name, float inputScale, float[] weightScales, List<String> inputs) {
        float[] v = floats(initializers.get(name));
        float[] scales = new float[v.length];
        int[] q = new int[v.length];
        for (int c = 0; c < v.length; c++) {
            scales[c] = inputScale * weightScales[c];
            q[c] = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, Math.round((double) v[c] / scales[c])));
        }
        String codes = w.int32s(name + ".int32", q, v.length);
        String scale = w.floats(name + ".scale", scales, v.length);
        String zero = w.int32s(name + ".zero_point", new int[v.length], v.length);
        String dequantised = w.fresh(name + ".dequantized");
        w.node("DequantizeLinear", List.of(codes, scale, zero), dequantised, integer("axis", 0));
        inputs.set(2, dequantised);
    }

    /** A float32 initialiser's values (OnnxGraphWriter writes them as little-endian raw data). */
    private static float[] floats(Onnx.TensorProto t) {
        if (t == null || t.getDataType() != Onnx.TensorProto.DataType.FLOAT) {
            throw new IllegalArgumentException("a Conv or Gemm weight must be a float32 initialiser, got "
                    + (t == null ? "a computed tensor" : t.getName() + " of type " + t.getDataType()));
        }
        FloatBuffer b = ByteBuffer.wrap(t.getRawData().toByteArray()).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        float[] v = new float[b.remaining()];
        b.get(v);
        return v;
    }
}
