package io.hwnas.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.nio.FloatBuffer;
import java.util.Map;

/** A classifier model's top-1 accuracy, run in ONNX Runtime (fp32 or int8 QDQ alike). */
public final class OnnxAccuracy {
    /** Images per ONNX Runtime call. */
    static final int CHUNK = 256;

    private OnnxAccuracy() {
    }

    /**
     * The share of {@code images} (NCHW) whose highest output is their label.
     *
     * @param labels one class index per image
     */
    public static double top1(OnnxModel model, INDArray images, int[] labels) {
        long n = images.size(0);
        if (model.outputs().size() != 1 || labels.length != n || n == 0) {
            throw new IllegalArgumentException("top-1 accuracy needs a model with one output and one label per image, "
                    + "got outputs " + model.outputs() + ", " + n + " images and " + labels.length + " labels");
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        long correct = 0;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = env.createSession(model.bytes(), options)) {
            for (long start = 0; start < n; start += CHUNK) {
                INDArray chunk = images.get(NDArrayIndex.interval(start, Math.min(n, start + CHUNK)))
                        .castTo(DataType.FLOAT).dup('c');
                try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(chunk.data().asFloat()),
                        chunk.shape());
                     OrtSession.Result result = session.run(Map.of(model.input(), in))) {
                    OnnxTensor out = (OnnxTensor) result.get(0);
                    int classes = (int) out.getInfo().getShape()[1];
                    FloatBuffer scores = out.getFloatBuffer();
                    for (int i = 0; i < chunk.size(0); i++) {
                        int best = 0;
                        for (int c = 1; c < classes; c++) {
                            if (scores.get(i * classes + c) > scores.get(i * classes + best)) {
                                best = c;
                            }
                        }
                        correct += best == labels[(int) start + i] ? 1 : 0;
                    }
                }
            }
        } catch (OrtException e) {
            throw new IllegalStateException("onnxruntime " + env.getVersion() + " cannot run the model: "
                    + e.getMessage(), e);
        }
        return correct / (double) n;
    }
}
