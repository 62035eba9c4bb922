package io.hwnas.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import io.hwnas.arch.Node;
import io.hwnas.transform.OracleReport;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * Runs an exported model in ONNX Runtime and compares every output with what the DL4J graph it came from gives on
 * the same inputs, in inference mode: the export is only as good as this check says.
 */
public final class OnnxRuntimeCheck {
    /** Inputs run per pass, so a large net's DL4J activations stay bounded whatever the number of images. */
    static final int CHUNK = 32;

    /**
     * What the check found.
     *
     * @param maxAbsDiff the largest |Δ| over every output element of every input
     * @param inputs     how many inputs (images) were run
     * @param runtime    the ONNX Runtime that ran the model, e.g. "onnxruntime 1.20.0"
     * @param tolerance  the bar every output was held to: hwnas's fp32 bar for the DL4J graph's largest |activation|
     *                   ({@link OracleReport#fp32Bar(double)}, 1e-4 while activations stay within ±10)
     */
    public record Result(double maxAbsDiff, long inputs, String runtime, double tolerance) {
        public Result {
            if (!(maxAbsDiff >= 0) || inputs < 1) {
                throw new IllegalArgumentException("maxAbsDiff " + maxAbsDiff + " and inputs " + inputs
                        + " must be >= 0 and >= 1");
            }
        }
    }

    private OnnxRuntimeCheck() {
    }

    /**
     * Runs {@code model} on {@code features} (NCHW) in ONNX Runtime and {@code graph} in DL4J.
     *
     * @param what names the model in the error, e.g. "candidate 3"
     * @throws IllegalStateException when ONNX Runtime cannot run the model or an output differs beyond
     *     {@link Result#tolerance}, naming the output, the difference and the inputs
     */
    public static Result check(OnnxModel model, ComputationGraph graph, INDArray features, String what) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        String runtime = "onnxruntime " + env.getVersion();
        long n = features.size(0);
        double[] worst = new double[model.outputs().size()];
        double[] largest = {0};
        try {
            OnnxChunks.run(model.bytes(), model.input(), Set.of(), features, CHUNK, (start, chunk, result) -> {
                Map<String, INDArray> expected = graph.feedForward(chunk, false);
                for (Map.Entry<String, INDArray> e : expected.entrySet()) {
                    if (!e.getKey().equals(Node.INPUT)) {
                        largest[0] = Math.max(largest[0], e.getValue().amaxNumber().doubleValue());
                    }
                }
                for (int i = 0; i < worst.length; i++) {
                    INDArray dl4j = expected.get(model.sinks().get(i));
                    if (dl4j == null) {
                        throw new IllegalStateException(what + ": the DL4J graph has no vertex '"
                                + model.sinks().get(i) + "' to compare ONNX output '" + model.outputs().get(i)
                                + "' with");
                    }
                    OnnxTensor out = (OnnxTensor) result.get(i);
                    worst[i] = Math.max(worst[i], maxAbsDiff(dl4j, out, model.outputs().get(i), what));
                }
            });
        } catch (OrtException e) {
            throw new IllegalStateException(what + ": " + runtime + " cannot run the ONNX model: " + e.getMessage(), e);
        }
        double bar = OracleReport.fp32Bar(largest[0]);
        double max = 0;
        for (int i = 0; i < worst.length; i++) {
            if (!(worst[i] <= bar)) {
                throw new IllegalStateException(what + ": the ONNX model's output '" + model.outputs().get(i)
                        + "' differs from DL4J's by up to " + worst[i] + " on " + n + " inputs in " + runtime
                        + "; allowed: " + bar);
            }
            max = Math.max(max, worst[i]);
        }
        return new Result(max, n, runtime, bar);
    }

    private static double maxAbsDiff(INDArray dl4j, OnnxTensor onnx, String name, String what) throws OrtException {
        long[] shape = onnx.getInfo().getShape();
        if (!Arrays.equals(shape, dl4j.shape())) {
            throw new IllegalStateException(what + ": the ONNX model's output '" + name + "' has shape "
                    + Arrays.toString(shape) + ", DL4J's " + Arrays.toString(dl4j.shape()));
        }
        float[] expected = dl4j.castTo(DataType.FLOAT).dup('c').data().asFloat();
        FloatBuffer actual = onnx.getFloatBuffer();
        double max = 0;
        for (int i = 0; i < expected.length; i++) {
            double d = Math.abs((double) expected[i] - actual.get(i));
            if (Double.isNaN(d)) {
                return d; // fails the check
            }
            max = Math.max(max, d);
        }
        return max;
    }
}
