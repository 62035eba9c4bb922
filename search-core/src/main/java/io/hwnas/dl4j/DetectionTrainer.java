package io.hwnas.dl4j;

import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureException;
import io.hwnas.data.Permutations;
import io.hwnas.detection.DetectionBatch;
import io.hwnas.detection.DetectionSample;
import io.hwnas.detection.DetectionScores;
import io.hwnas.detection.ImagePredictions;
import io.hwnas.detection.MeanAveragePrecision;
import io.hwnas.detection.NonMaxSuppression;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Trains a detector ({@link io.hwnas.arch.zoo.YoloDetector}, or any net whose outputs are YOLO prediction maps) on
 * detection canvases with DL4J's YOLOv2 loss per scale ({@link GraphBuilder#buildDetection}), then scores it on the
 * validation canvases: boxes decoded to canvas pixels ({@link YoloHead}), per-class NMS, mAP@0.5 and mAP@0.5:0.95
 * ({@link MeanAveragePrecision}), and keeps its strongest boxes on the shown test canvases. Initial weights and the
 * order of the training canvases follow from the seed.
 */
public final class DetectionTrainer {

    /**
     * Post-processing of the evaluation, as ultralytics validates: a low score floor (mAP integrates over all
     * scores), IoU 0.6 within a class, at most {@link MeanAveragePrecision#COCO_MAX_DETECTIONS} per canvas.
     */
    public static final NonMaxSuppression NMS = new NonMaxSuppression(0.6, 0.01,
            MeanAveragePrecision.COCO_MAX_DETECTIONS);

    private DetectionTrainer() {
    }

    /**
     * Trains on the first {@code maxTrainSamples} training canvases (all when fewer; a new seeded order each epoch)
     * and validates on all validation canvases; the outcome carries the trained net's strongest boxes on
     * {@link DetectionCanvases#shown()}.
     */
    public static TrainingOutcome trainAndEvaluate(Architecture arch, DetectionCanvases data,
                                                   TrainingSettings settings, long seed, int maxTrainSamples) {
        return trainAndEvaluate(arch, data, settings, seed, maxTrainSamples, (epoch, graph, head) -> { });
    }

    /** What a caller sees after each epoch (a learning curve), before the next starts. */
    @FunctionalInterface
    public interface EpochListener {
        void afterEpoch(int epoch, ComputationGraph graph, YoloHead head);
    }

    /** As {@link #trainAndEvaluate(Architecture, DetectionCanvases, TrainingSettings, long, int)}, telling {@code listener} after each epoch. */
    public static TrainingOutcome trainAndEvaluate(Architecture arch, DetectionCanvases data, TrainingSettings settings,
                                                   long seed, int maxTrainSamples, EpochListener listener) {
        YoloHead head = head(arch, data);
        ComputationGraph graph = GraphBuilder.buildDetection(arch, head, seed, settings.learningRate());
        long start = System.nanoTime();
        SplittableRandom rng = new SplittableRandom(seed);
        int canvases = Math.min(data.train().size(), maxTrainSamples);
        long seen = 0;
        for (int epoch = 0; epoch < settings.epochs(); epoch++) {
            int[] order = Permutations.of(canvases, rng);
            for (int from = 0; from < canvases; from += settings.batchSize()) {
                TrainingInterruption.check();
                List<DetectionSample> samples = new ArrayList<>();
                for (int i = from; i < Math.min(canvases, from + settings.batchSize()); i++) {
                    samples.add(data.train().get(order[i]));
                }
                graph.fit(dataSet(head, new DetectionBatch(samples)));
                seen += samples.size();
            }
            listener.afterEpoch(epoch + 1, graph, head);
        }
        TrainingOutcome outcome = evaluate(graph, head, data.validation(), settings.batchSize(),
                (System.nanoTime() - start) / 1e9, seen);
        // the weights stay on the executor; these few boxes are what a report can still draw of the trained net
        return outcome.withTestBoxes(predict(graph, head, new DetectionBatch(data.shown())).stream()
                .map(ImagePredictions::strongest).toList());
    }

    /** The head of a net for this dataset: its classes, anchors over its object sizes. */
    public static YoloHead head(Architecture arch, DetectionCanvases data) {
        if (arch.input().channels() != 1 || arch.input().height() != data.settings().canvasSize()
                || arch.input().width() != data.settings().canvasSize()) {
            throw new ArchitectureException("architecture '" + arch.name() + "' takes " + arch.input()
                    + "; the detection canvases are 1x" + data.settings().canvasSize() + "x"
                    + data.settings().canvasSize());
        }
        return YoloHead.of(arch, data.classes(), data.settings().minObjectSize(), data.settings().maxObjectSize());
    }

    /** mAP of {@code graph} on {@code canvases}, with their mean YOLO loss. */
    public static TrainingOutcome evaluate(ComputationGraph graph, YoloHead head, List<DetectionSample> canvases,
                                           int batchSize, double trainSeconds, long seen) {
        long evalStart = System.nanoTime();
        List<ImagePredictions> images = new ArrayList<>(canvases.size());
        double loss = 0;
        for (int from = 0; from < canvases.size(); from += batchSize) {
            int to = Math.min(canvases.size(), from + batchSize);
            DetectionBatch batch = new DetectionBatch(canvases.subList(from, to));
            loss += graph.score(dataSet(head, batch), false) * batch.size();
            images.addAll(predict(graph, head, batch));
        }
        DetectionScores scores = MeanAveragePrecision.evaluate(images);
        return TrainingOutcome.detection(scores.map50(), scores.map50to95(), loss / canvases.size(), trainSeconds,
                (System.nanoTime() - evalStart) / 1e9, seen, canvases.size());
    }

    /** Each canvas of {@code batch} with its ground truth and the detections left after {@link #NMS}. */
    public static List<ImagePredictions> predict(ComputationGraph graph, YoloHead head, DetectionBatch batch) {
        INDArray[] outputs = graph.output(false, batch.images());
        List<ImagePredictions> images = new ArrayList<>(batch.size());
        for (int n = 0; n < batch.size(); n++) {
            images.add(new ImagePredictions(batch.samples().get(n).groundTruths(),
                    NMS.apply(head.decode(outputs, n, NMS.scoreThreshold()))));
        }
        return images;
    }

    /** A minibatch: the canvases and, per scale, their YOLO labels. */
    public static MultiDataSet dataSet(YoloHead head, DetectionBatch batch) {
        return new MultiDataSet(new INDArray[] {batch.images()}, head.labels(batch.groundTruths()));
    }
}
