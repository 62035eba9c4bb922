package io.hwnas.spark.finaltrain;

import io.hwnas.arch.Architecture;
import io.hwnas.data.ImageDataset;
import io.hwnas.dl4j.Trainer;
import io.hwnas.spark.config.ConfigException;
import io.hwnas.spark.config.SweepConfig;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A classifier's final-training data: the whole training and test files of a dataset directory (a seeded draw of
 * {@code trainSamples} and {@code testSamples} of them), read by every executor itself ({@link ImageFiles}).
 */
final class ClassificationImages implements FinalTrainingData {
    /** Test images a deployed model is compared on (fewer when the test selection is smaller). */
    static final int CHECK_IMAGES = 256;

    private final String directory;
    private final long dataSeed;
    private final ImageDataset train;
    private final ImageDataset test;
    private final int trainSamples;
    private final SampleOrder testOrder;

    private ClassificationImages(String directory, long dataSeed, ImageDataset train, ImageDataset test,
                                 int trainSamples, int testSamples) {
        this.directory = directory;
        this.dataSeed = dataSeed;
        this.train = train;
        this.test = test;
        this.trainSamples = trainSamples;
        this.testOrder = new SampleOrder(test.size(), testSamples, dataSeed, null);
    }

    static ClassificationImages open(SweepConfig sweep, String directory, String option, int trainSamples,
                                     int testSamples) {
        ImageDataset train;
        ImageDataset test;
        try {
            train = ImageFiles.training(directory);
            test = ImageFiles.test(directory);
        } catch (UncheckedIOException | IllegalArgumentException e) {
            throw new ConfigException(option + " = '" + directory + "': " + e.getMessage(), e);
        }
        return new ClassificationImages(directory, sweep.data().seed(), train, test,
                samples("--train-samples", trainSamples, train.size(), directory),
                samples("--test-samples", testSamples, test.size(), directory));
    }

    private static int samples(String option, int requested, int available, String path) {
        if (requested > available) {
            throw new ConfigException("option '" + option + "' = " + requested + " exceeds the " + available
                    + " images in " + path + " (0 = all of them)");
        }
        return requested == 0 ? available : requested;
    }

    @Override
    public int trainImages() {
        return train.size();
    }

    @Override
    public int testImages() {
        return test.size();
    }

    @Override
    public int trainSamples() {
        return trainSamples;
    }

    @Override
    public int testSamples() {
        return testOrder.samples();
    }

    @Override
    public void requireInput(Architecture arch, int candidateId) {
        if (arch.input().channels() != 1 || arch.input().height() != train.rows() || arch.input().width() != train.cols()) {
            throw new ConfigException("candidate " + candidateId + " expects input " + arch.input() + " but "
                    + directory + " has 1x" + train.rows() + "x" + train.cols() + " images");
        }
    }

    @Override
    public Batches<?> epoch(Architecture arch, long seed, int epoch, int batchSize, int threads) {
        return new Minibatches(directory, false, new SampleOrder(train.size(), trainSamples, dataSeed, seed), epoch,
                batchSize, arch, threads);
    }

    @Override
    public Map<String, Double> score(ComputationGraph trained, Architecture arch, ParameterAveraging cluster,
                                     ParameterAveragingTrainingMaster master, int batchSize, int threads) {
        ParameterAveraging.Scores scores = cluster.evaluate(trained, master,
                new Minibatches(directory, true, testOrder, 0, batchSize, arch, threads), test.numClasses());
        if (scores.samples() != testSamples()) {
            throw new IllegalStateException("the evaluation on the cluster scored " + scores.samples()
                    + " test images, expected " + testSamples());
        }
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("accuracy", scores.accuracy());
        out.put("loss", scores.loss());
        return out;
    }

    /** A seeded draw of up to {@link #CHECK_IMAGES} of the scored test images. */
    @Override
    public INDArray checkInputs(Architecture arch) {
        int[] scored = testOrder.selection();
        int[] draw = new SampleOrder(scored.length, Math.min(CHECK_IMAGES, scored.length), dataSeed, null).selection();
        return Trainer.toDataSet(test, Arrays.stream(draw).map(i -> scored[i]).toArray(), arch).getFeatures();
    }

    /** A seeded draw of {@link Int8Images#CALIBRATION_IMAGES} training images, and every scored test image. */
    @Override
    public Optional<Int8Images> int8Images(Architecture arch) {
        int[] calibration = new SampleOrder(train.size(), Math.min(Int8Images.CALIBRATION_IMAGES, train.size()),
                dataSeed, null).selection();
        int[] scored = testOrder.selection();
        return Optional.of(new Int8Images(Trainer.toDataSet(train, calibration, arch).getFeatures(),
                Trainer.toDataSet(test, scored, arch).getFeatures(), Arrays.stream(scored).map(test::label).toArray(),
                calibration.length + " training images of " + directory));
    }

    @Override
    public String checkedOn() {
        return Math.min(CHECK_IMAGES, testSamples()) + " test images of " + directory;
    }
}
