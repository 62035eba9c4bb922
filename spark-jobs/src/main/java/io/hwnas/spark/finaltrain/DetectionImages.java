package io.hwnas.spark.finaltrain;

import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureException;
import io.hwnas.data.DataSettings;
import io.hwnas.detection.DetectionBatch;
import io.hwnas.detection.DetectionDataset;
import io.hwnas.detection.DetectionSample;
import io.hwnas.detection.DetectionSplit;
import io.hwnas.dl4j.DetectionDatasets;
import io.hwnas.dl4j.DetectionTrainer;
import io.hwnas.dl4j.TrainingOutcome;
import io.hwnas.spark.config.ConfigException;
import io.hwnas.spark.config.SweepConfig;
import io.hwnas.sr.DetectionTask;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A detection sweep's final-training data: training canvases composed on the executors ({@link CanvasBatches}, the
 * sweep's composition with {@code trainSamples} of them) and test canvases, composed from the test file of
 * Fashion-MNIST (which the sweep never saw) and scored on the driver as a sweep scores its validation canvases:
 * per-class NMS, mAP@0.5 and mAP@0.5:0.95.
 */
final class DetectionImages implements FinalTrainingData {
    /** Test canvases a deployed model is compared on (fewer when fewer are scored). */
    static final int CHECK_CANVASES = 16;

    private final DataSettings data;
    private final DetectionTask task;
    private final List<DetectionSample> test;

    private DetectionImages(DataSettings data, DetectionTask task, List<DetectionSample> test) {
        this.data = data;
        this.task = task;
        this.test = List.copyOf(test);
    }

    /**
     * @param trainSamples training canvases per epoch, 0 for the sweep's {@code data.trainSamples}
     * @param testSamples test canvases to score, 0 for as many as the sweep validated on ({@code data.validationSamples})
     */
    static DetectionImages open(SweepConfig sweep, String path, String option, int trainSamples, int testSamples) {
        DataSettings d = sweep.data();
        DetectionTask task = sweep.task().detection();
        // one validation canvas: CanvasBatches composes only what it trains on
        DataSettings data = new DataSettings(path, trainSamples == 0 ? d.trainSamples() : trainSamples, 1, 0, d.seed(),
                d.images());
        DetectionDataset dataset;
        try {
            dataset = DetectionDataset.load(DetectionDatasets.settings(data, task));
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException(option + " = '" + path + "': " + e.getMessage(), e);
        }
        List<DetectionSample> test = new ArrayList<>();
        for (int i = 0; i < (testSamples == 0 ? d.validationSamples() : testSamples); i++) {
            test.add(dataset.sample(DetectionSplit.TEST, i));
        }
        return new DetectionImages(data, task, test);
    }

    /** Canvases are composed on demand: as many as are used. */
    @Override
    public int trainImages() {
        return trainSamples();
    }

    @Override
    public int testImages() {
        return testSamples();
    }

    @Override
    public int trainSamples() {
        return data.trainSamples();
    }

    @Override
    public int testSamples() {
        return test.size();
    }

    @Override
    public void requireInput(Architecture arch, int candidateId) {
        int side = task.canvasSize();
        try {
            if (arch.input().channels() != 1 || arch.input().height() != side || arch.input().width() != side) {
                throw new ArchitectureException("expects input " + arch.input() + " but the canvases are 1x" + side
                        + "x" + side);
            }
            DetectionDatasets.head(arch);
        } catch (ArchitectureException e) {
            throw new ConfigException("candidate " + candidateId + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Batches<?> epoch(Architecture arch, long seed, int epoch, int batchSize, int threads) {
        return new CanvasBatches(data, task, arch, seed, epoch, batchSize, threads);
    }

    @Override
    public Map<String, Double> score(ComputationGraph trained, Architecture arch, ParameterAveraging cluster,
                                     ParameterAveragingTrainingMaster master, int batchSize, int threads) {
        TrainingOutcome outcome = DetectionTrainer.evaluate(trained, DetectionDatasets.head(arch), test, batchSize, 0, 0);
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("map50", outcome.map50());
        out.put("map50_95", outcome.map50to95());
        out.put("loss", outcome.loss());
        return out;
    }

    /** The first scored test canvases. */
    @Override
    public INDArray checkInputs(Architecture arch) {
        return new DetectionBatch(test.subList(0, Math.min(CHECK_CANVASES, test.size()))).images();
    }

    @Override
    public String checkedOn() {
        return Math.min(CHECK_CANVASES, testSamples()) + " test canvases (" + task.canvasSize() + "x"
                + task.canvasSize() + ") of " + data.path();
    }
}
