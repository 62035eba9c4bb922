package io.hwnas.bench;

import io.hwnas.arch.Architecture;
import io.hwnas.arch.zoo.ReferenceNetworks;
import io.hwnas.data.DataSettings;
import io.hwnas.data.DatasetCache;
import io.hwnas.data.DatasetSplit;
import io.hwnas.data.FashionMnist;
import io.hwnas.dl4j.GraphBuilder;
import io.hwnas.dl4j.LayerKernels;
import io.hwnas.dl4j.Nd4jThreads;
import io.hwnas.dl4j.Trainer;
import io.hwnas.dl4j.TrainingSettings;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where one network's training time goes ({@code scripts/profile-train}): trains it on one thread with hwnas's
 * {@link Trainer} under a Java Flight Recorder recording and sorts the training thread's samples into buckets, by
 * the innermost layer or vertex method on the stack (forward = {@code activate}/{@code doForward}, backward =
 * {@code backpropGradient}/{@code doBackward}), the updater, data preparation and the rest of DL4J's step. JFR
 * samples a thread in native code separately from one running Java, which splits each bucket into native compute
 * (oneDNN, libnd4j, OpenBLAS) and Java-side overhead (DL4J, ND4J array and op bookkeeping).
 * Usage: {@code TrainingProfile NET [BATCH] [ONEDNN|DL4J] [IMAGES]}.
 */
public final class TrainingProfile {

    private static final Duration PERIOD = Duration.ofMillis(5);

    private TrainingProfile() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        Architecture arch = ReferenceNetworks.byName(args[0]);
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        LayerKernels kernels = LayerKernels.valueOf(args.length > 2 ? args[2] : "ONEDNN");
        int images = args.length > 3 ? Integer.parseInt(args[3]) : 2048;
        Nd4jThreads.limit(1);
        DatasetSplit data = DatasetCache.get(new DataSettings(FashionMnist.DEFAULT_DIRECTORY, images, 256, 0, 0));
        TrainingSettings settings = new TrainingSettings(1, batch, 0.002);
        // warm-up on a throw-away copy: JIT, workspaces, oneDNN's kernel cache
        Trainer.train(GraphBuilder.build(arch, 2, 0.002, kernels), arch, data.train(), settings, 2, 8 * batch);
        ComputationGraph graph = GraphBuilder.build(arch, 1, 0.002, kernels);
        Path file = Files.createTempFile("hwnas-profile", ".jfr");
        long start;
        long seen;
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ExecutionSample").withPeriod(PERIOD);
            recording.enable("jdk.NativeMethodSample").withPeriod(PERIOD);
            recording.start();
            start = System.nanoTime();
            seen = Trainer.train(graph, arch, data.train(), settings, 1, images);
            recording.stop();
            recording.dump(file);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, long[]> buckets = new TreeMap<>();
        long samples = 0;
        String thread = Thread.currentThread().getName();
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            if (e.getThread("sampledThread") == null || !thread.equals(e.getThread("sampledThread").getJavaName())
                    || e.getStackTrace() == null) {
                continue;
            }
            boolean nativeSample = e.getEventType().getName().equals("jdk.NativeMethodSample");
            buckets.computeIfAbsent(bucket(e.getStackTrace().getFrames()), k -> new long[2])[nativeSample ? 0 : 1]++;
            samples++;
        }
        Files.delete(file);
        double msPerStep = 1000 * seconds / Math.ceil((double) seen / batch);
        long total = samples;
        out.printf(Locale.ROOT, "%s, batch %d, %s layers, 1 thread: %d images in %.2f s, %.0f images/s, %.1f ms per step%n",
                arch.name(), batch, kernels, seen, seconds, seen / seconds, msPerStep);
        out.printf(Locale.ROOT, "%-52s %9s %9s %9s%n", "where (training thread, " + total + " samples)", "native",
                "java", "ms/step");
        buckets.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[0] + b.getValue()[1],
                a.getValue()[0] + a.getValue()[1])).forEach(en -> {
                    long[] c = en.getValue();
                    out.printf(Locale.ROOT, "%-52s %8.1f%% %8.1f%% %9.2f%n", en.getKey(), 100.0 * c[0] / total,
                            100.0 * c[1] / total, msPerStep * (c[0] + c[1]) / total);
                });
    }

    /** The bucket of one sample, by its innermost recognised frame. */
    static String bucket(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            String type = f.getMethod().getType().getName();
            String method = f.getMethod().getName();
            String simple = type.substring(type.lastIndexOf('.') + 1);
            if (type.startsWith("org.deeplearning4j.nn.graph.vertex.impl.LayerVertex")) {
                continue;   // the layer's own frame, further in, names it
            }
            if (method.equals("activate") || method.equals("doForward")) {
                return simple + " forward";
            }
            if (method.equals("backpropGradient") || method.equals("doBackward")) {
                return simple + " backward";
            }
            if (method.equals("applyUpdater") || type.endsWith("StepFunction") || type.endsWith("MultiLayerUpdater")) {
                return "updater (Adam, parameter step)";
            }
            if (type.equals(Trainer.class.getName()) && method.equals("toDataSet")) {
                return "data preparation (batch to INDArray)";
            }
            if (type.equals("org.deeplearning4j.nn.graph.ComputationGraph") && method.startsWith("calcBackprop")) {
                return "DL4J graph backward bookkeeping (incl. gradient sums)";
            }
            if (type.equals("org.deeplearning4j.nn.graph.ComputationGraph") && method.startsWith("ffToLayer")) {
                return "DL4J graph forward bookkeeping";
            }
        }
        return "rest of the DL4J step";
    }
}
