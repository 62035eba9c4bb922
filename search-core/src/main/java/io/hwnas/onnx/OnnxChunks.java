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
import java.util.Set;

/**
 * Runs a model in ONNX Runtime over many images a chunk at a time, in one session: what the export check, the
 * accuracy and the calibration passes share. Each caller says what a chunk's outputs are for, and how a failure of
 * ONNX Runtime reads in its own words.
 */
final class OnnxChunks {

    /** What a caller does with one chunk: its first image's index, its images (NCHW, float) and the outputs. */
    interface Consumer {
        void accept(long start, INDArray chunk, OrtSession.Result outputs) throws OrtException;
    }

    private OnnxChunks() {
    }

    /**
     * @param outputs the model outputs to fetch, or every output when empty
     * @throws OrtException from ONNX Runtime, for the caller to name
     */
    static void run(byte[] model, String input, Set<String> outputs, INDArray images, int chunkSize,
                    Consumer consumer) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        long n = images.size(0);
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = env.createSession(model, options)) {
            for (long start = 0; start < n; start += chunkSize) {
                INDArray chunk = images.get(NDArrayIndex.interval(start, Math.min(n, start + chunkSize)))
                        .castTo(DataType.FLOAT).dup('c');
                try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(chunk.data().asFloat()),
                        chunk.shape());
                     OrtSession.Result result = outputs.isEmpty() ? session.run(Map.of(input, in))
                             : session.run(Map.of(input, in), outputs)) {
                    consumer.accept(start, chunk, result);
                }
            }
        }
    }
}
