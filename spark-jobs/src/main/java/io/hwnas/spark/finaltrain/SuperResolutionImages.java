package io.hwnas.spark.finaltrain;

import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureException;
import io.hwnas.data.DataSettings;
import io.hwnas.dl4j.SuperResolutionTrainer;
import io.hwnas.dl4j.TrainingOutcome;
import io.hwnas.spark.config.ConfigException;
import io.hwnas.spark.config.SweepConfig;
import io.hwnas.sr.LumaImage;
import io.hwnas.sr.SrDataset;
import io.hwnas.sr.SuperResolution;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A super-resolution sweep's final-training data: its images ({@code data} with the path every executor reads),
 * random patch pairs to train on, cut on the executors ({@link PatchBatches}), and its held-out images, scored whole
 * on the driver as a sweep scores them (PSNR, SSIM and the bicubic baseline on the Y channel, batch 1: the images
 * differ in size).
 */
final class SuperResolutionImages implements FinalTrainingData {
    private final DataSettings data;
    private final SuperResolution task;
    private final SrDataset scored;
    private final int trainImages;
    private final int heldOutImages;

    private SuperResolutionImages(DataSettings data, SuperResolution task, SrDataset scored, int trainImages,
                                  int heldOutImages) {
        this.data = data;
        this.task = task;
        this.scored = scored;
        this.trainImages = trainImages;
        this.heldOutImages = heldOutImages;
    }

    /**
     * @param trainSamples patch pairs per epoch, 0 for the sweep's {@code data.trainSamples}
     * @param testSamples held-out images to score (the first of the sweep's held-out order), 0 for all
     */
    static SuperResolutionImages open(SweepConfig sweep, String path, String option, int trainSamples,
                                      int testSamples) {
        DataSettings d = sweep.data();
        DataSettings data = new DataSettings(path, d.trainSamples(), d.validationSamples(), d.testSamples(), d.seed(),
                d.images());
        SuperResolution task = sweep.task().superResolution();
        SrDataset loaded;
        try {
            loaded = SrDataset.get(data, task.scale());
        } catch (UncheckedIOException | IllegalArgumentException e) {
            throw new ConfigException(option + " = '" + path + "': " + e.getMessage(), e);
        }
        int heldOut = loaded.heldOut().size();
        if (testSamples > heldOut) {
            throw new ConfigException("option '--test-samples' = " + testSamples + " exceeds the " + heldOut
                    + " held-out images of " + path + " (0 = all of them)");
        }
        int patches = trainSamples == 0 ? d.trainSamples() : trainSamples;
        SrDataset scored = new SrDataset(loaded.train(), loaded.heldOut().subList(0, testSamples == 0 ? heldOut
                : testSamples), patches);
        return new SuperResolutionImages(data, task, scored, loaded.train().size(), heldOut);
    }

    @Override
    public int trainImages() {
        return trainImages;
    }

    @Override
    public int testImages() {
        return heldOutImages;
    }

    @Override
    public int trainSamples() {
        return scored.patchesPerEpoch();
    }

    @Override
    public int testSamples() {
        return scored.heldOut().size();
    }

    @Override
    public void requireInput(Architecture arch, int candidateId) {
        try {
            SuperResolutionTrainer.requireImageToImage(arch, task);
        } catch (ArchitectureException e) {
            throw new ConfigException("candidate " + candidateId + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Batches<?> epoch(Architecture arch, long seed, int epoch, int batchSize, int threads) {
        return new PatchBatches(data, task, trainSamples(), seed, epoch, batchSize, threads);
    }

    @Override
    public Map<String, Double> score(ComputationGraph trained, Architecture arch, ParameterAveraging cluster,
                                     ParameterAveragingTrainingMaster master, int batchSize, int threads) {
        TrainingOutcome outcome = SuperResolutionTrainer.evaluate(trained, scored, task, 0, 0);
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("psnr", outcome.psnr());
        out.put("ssim", outcome.ssim());
        out.put("psnr_bicubic", outcome.psnrBicubic());
        out.put("loss", outcome.loss());
        return out;
    }

    /** The first scored held-out image, whole: the nets are fully convolutional. */
    @Override
    public INDArray checkInputs(Architecture arch) {
        LumaImage input = scored.heldOut().get(0).input(task.input());
        return Nd4j.create(input.pixels(), new long[] {1, 1, input.height(), input.width()});
    }

    @Override
    public String checkedOn() {
        LumaImage input = scored.heldOut().get(0).input(task.input());
        return "1 held-out image (" + input.height() + "x" + input.width() + " input) of " + data.path();
    }
}
