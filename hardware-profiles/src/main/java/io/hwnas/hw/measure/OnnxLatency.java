package io.hwnas.hw.measure;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.hwnas.arch.Shape;
import io.hwnas.onnx.OnnxModel;

import java.nio.FloatBuffer;
import java.util.Map;

/**
 * Real ONNX Runtime (CPU) inference latency of an ONNX model on this JVM, batch 1: one session with every graph
 * optimisation on and {@code threads} intra-op threads, fed the seeded input {@link Dl4jLatency} feeds DL4J. It
 * times whatever model bytes it is given (fp32 or quantised), so the precision is the exporter's business.
 */
public final class OnnxLatency implements AutoCloseable {
    private final OrtSession session;
    private final OnnxTensor input;
    private final Map<String, OnnxTensor> feed;
    private final String what;

    /**
     * @param input the model input's shape (batch 1 is added)
     * @param what names the model in errors, e.g. the architecture's name
     * @throws IllegalStateException when ONNX Runtime cannot load the model
     */
    public OnnxLatency(OnnxModel model, Shape input, int threads, long seed, String what) {
        if (threads < 1) {
            throw new IllegalArgumentException("ONNX Runtime threads = " + threads + " must be >= 1");
        }
        this.what = what;
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OnnxTensor tensor = null;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(SeededInput.pixels(input, seed)),
                    SeededInput.shape(input));
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            // idle pool threads spinning between ops would take cores from the tasks beside this one (as
            // OpenBLAS's did, see Nd4jThreads); a lone thread has no pool, so this only matters above 1
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            this.session = env.createSession(model.bytes(), options);
        } catch (OrtException e) {
            if (tensor != null) {
                tensor.close();
            }
            throw new IllegalStateException(what + ": onnxruntime " + env.getVersion() + " cannot load the model: "
                    + e.getMessage(), e);
        }
        this.input = tensor;
        this.feed = Map.of(model.input(), tensor);
    }

    /** Latency of one whole inference. */
    public Timing network(InferenceTimer timer) {
        return timer.time(networkRun());
    }

    /** One whole inference, for a caller that times it with its own protocol ({@link RepeatProtocol}). */
    public Runnable networkRun() {
        return () -> {
            try (OrtSession.Result ignored = session.run(feed)) {
                // the outputs are freed with the result: each run allocates and frees them, as DL4J's does
            } catch (OrtException e) {
                throw new IllegalStateException(what + ": ONNX Runtime inference failed: " + e.getMessage(), e);
            }
        };
    }

    @Override
    public void close() {
        input.close();
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(what + ": cannot close the ONNX Runtime session: " + e.getMessage(), e);
        }
    }
}
