package io.hwnas.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.FloatBuffer;
import java.util.Set;

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
        long[] correct = {0};
        try {
            OnnxChunks.run(model.bytes(), model.input(), Set.of(), images, CHUNK, (start, chunk, result) -> {
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
                    correct[0] += best == labels[(int) start + i] ? 1 : 0;
                }
            });
        } catch (OrtException e) {
            throw new IllegalStateException("onnxruntime " + OrtEnvironment.getEnvironment().getVersion()
                    + " cannot run the model: " + e.getMessage(), e);
        }
        return correct[0] / (double) n;
    }
}
