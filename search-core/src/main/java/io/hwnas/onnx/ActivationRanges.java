package io.hwnas.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import onnx.Onnx;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.protobuf.InvalidProtocolBufferException;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The int8 range of each activation tensor, from the fp32 model itself run in ONNX Runtime on calibration images
 * with every tensor asked for as an extra output: the ranges are those of exactly the graph that is quantised.
 * Min/max takes one pass; percentile a second, into a histogram of {@value #BINS} bins between each tensor's min and
 * max, so no tensor's values are ever held whole.
 */
final class ActivationRanges {
    static final int BINS = 4096;

    private ActivationRanges() {
    }

    /** Each of {@code tensors} (float tensors of {@code fp32}) with its range on {@code images} (NCHW). */
    static Map<String, Int8Affine> of(OnnxModel fp32, List<String> tensors, INDArray images, Calibration method) {
        Onnx.ModelProto.Builder model = parse(fp32.bytes()).toBuilder();
        Onnx.GraphProto.Builder graph = model.getGraphBuilder();
        List<String> present = graph.getOutputList().stream().map(Onnx.ValueInfoProto::getName).toList();
        for (String t : tensors) {
            if (!present.contains(t)) {
                graph.addOutput(Onnx.ValueInfoProto.newBuilder().setName(t).setType(Onnx.TypeProto.newBuilder()
                        .setTensorType(Onnx.TypeProto.Tensor.newBuilder().setElemType(Onnx.TensorProto.DataType.FLOAT))));
            }
        }
        byte[] probe = model.build().toByteArray();
        double[] min = new double[tensors.size()];
        double[] max = new double[tensors.size()];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        run(probe, fp32.input(), tensors, images, (i, values) -> {
            for (int k = 0; k < values.limit(); k++) {
                float v = values.get(k);
                min[i] = Math.min(min[i], v);
                max[i] = Math.max(max[i], v);
            }
        });
        double[] lo = min.clone();
        double[] hi = max.clone();
        if (method == Calibration.PERCENTILE) {
            long[][] counts = new long[tensors.size()][BINS];
            run(probe, fp32.input(), tensors, images, (i, values) -> {
                double width = (max[i] - min[i]) / BINS;
                for (int k = 0; k < values.limit(); k++) {
                    int bin = width > 0 ? (int) ((values.get(k) - min[i]) / width) : 0;
                    counts[i][Math.max(0, Math.min(BINS - 1, bin))]++;
                }
            });
            for (int i = 0; i < tensors.size(); i++) {
                double width = (max[i] - min[i]) / BINS;
                lo[i] = min[i] + width * tailBins(counts[i], false);
                hi[i] = max[i] - width * tailBins(counts[i], true);
            }
        }
        Map<String, Int8Affine> ranges = new LinkedHashMap<>();
        for (int i = 0; i < tensors.size(); i++) {
            ranges.put(tensors.get(i), Int8Affine.covering(lo[i], hi[i]));
        }
        return ranges;
    }

    /**
     * How many whole bins at one end hold no more than the clipped share of the values together: the range ends at
     * the edge of the first bin past them, so it always keeps at least {@link Calibration#PERCENTILE_KEPT}%.
     */
    private static int tailBins(long[] counts, boolean top) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        double clipped = total * (100 - Calibration.PERCENTILE_KEPT) / 200;
        long sum = 0;
        for (int b = 0; b < counts.length; b++) {
            sum += counts[top ? counts.length - 1 - b : b];
            if (sum > clipped) {
                return b;
            }
        }
        return 0;
    }

    private interface Sink {
        void accept(int tensor, FloatBuffer values);
    }

    private static void run(byte[] model, String input, List<String> tensors, INDArray images, Sink sink) {
        try {
            OnnxChunks.run(model, input, new HashSet<>(tensors), images, OnnxRuntimeCheck.CHUNK,
                    (start, chunk, result) -> {
                        for (int i = 0; i < tensors.size(); i++) {
                            OnnxTensor t = (OnnxTensor) result.get(tensors.get(i)).orElseThrow();
                            sink.accept(i, t.getFloatBuffer());
                        }
                    });
        } catch (OrtException e) {
            throw new IllegalStateException("calibration in onnxruntime " + OrtEnvironment.getEnvironment().getVersion()
                    + " failed: " + e.getMessage(), e);
        }
    }

    static Onnx.ModelProto parse(byte[] bytes) {
        try {
            return Onnx.ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not a serialised ONNX model: " + e.getMessage(), e);
        }
    }
}
