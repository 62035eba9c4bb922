package io.hwnas.data;

import java.io.Serializable;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Disjoint training and validation subsets drawn from one source and a test subset drawn from
 * another, together with the source indices each was drawn from.
 */
public final class DatasetSplit implements Serializable {
    private static final long serialVersionUID = 1L;

    private final SplitSpec spec;
    private final ImageDataset train;
    private final ImageDataset validation;
    private final ImageDataset test;
    private final int[] trainIndices;
    private final int[] validationIndices;
    private final int[] testIndices;

    private DatasetSplit(SplitSpec spec, ImageDataset trainSource, int[] trainIndices, int[] validationIndices,
                         ImageDataset testSource, int[] testIndices) {
        this.spec = spec;
        this.trainIndices = trainIndices;
        this.validationIndices = validationIndices;
        this.testIndices = testIndices;
        this.train = trainSource.subset(trainIndices);
        this.validation = trainSource.subset(validationIndices);
        this.test = testSource.subset(testIndices);
    }

    /**
     * Draws without replacement, repeatably for a given seed. Validation is drawn before training
     * from the same shuffle, and the test part from an independent stream, so changing
     * {@code trainSamples} leaves the validation and test sets unchanged and candidates trained on
     * different budgets are still scored on the same samples. Each part's indices are returned
     * ascending: a part is a set, and the trainer shuffles per epoch anyway.
     *
     * @param trainingSource where training and validation samples come from
     * @param testSource where test samples come from; may be empty when {@code testSamples} is 0
     */
    public static DatasetSplit draw(ImageDataset trainingSource, ImageDataset testSource, SplitSpec spec) {
        if (trainingSource == null || testSource == null || spec == null) {
            throw new IllegalArgumentException("trainingSource, testSource and spec must not be null");
        }
        long trainAndValidation = (long) spec.trainSamples() + spec.validationSamples();
        if (trainAndValidation > trainingSource.size()) {
            throw new IllegalArgumentException("trainSamples " + spec.trainSamples() + " + validationSamples " + spec.validationSamples()
                    + " = " + trainAndValidation + " exceeds the " + trainingSource.size() + " samples available for training");
        }
        if (spec.testSamples() > testSource.size()) {
            throw new IllegalArgumentException("testSamples " + spec.testSamples() + " exceeds the " + testSource.size()
                    + " samples available for testing");
        }
        if (spec.testSamples() > 0 && (trainingSource.rows() != testSource.rows() || trainingSource.cols() != testSource.cols()
                || trainingSource.numClasses() != testSource.numClasses())) {
            throw new IllegalArgumentException("training source " + trainingSource + " and test source " + testSource
                    + " differ in image size or class count");
        }
        SplittableRandom root = new SplittableRandom(spec.seed());
        int[] drawn = drawWithoutReplacement(trainingSource.size(), (int) trainAndValidation, root.split());
        int[] validation = sorted(Arrays.copyOfRange(drawn, 0, spec.validationSamples()));
        int[] train = sorted(Arrays.copyOfRange(drawn, spec.validationSamples(), drawn.length));
        int[] test = sorted(drawWithoutReplacement(testSource.size(), spec.testSamples(), root.split()));
        return new DatasetSplit(spec, trainingSource, train, validation, testSource, test);
    }

    /** A partial Fisher-Yates shuffle: each prefix of the result depends only on the seed and n. */
    private static int[] drawWithoutReplacement(int n, int count, SplittableRandom random) {
        int[] pool = new int[n];
        Arrays.setAll(pool, i -> i);
        for (int i = 0; i < count; i++) {
            int j = random.nextInt(i, n);
            int swap = pool[i];
            pool[i] = pool[j];
            pool[j] = swap;
        }
        return Arrays.copyOf(pool, count);
    }

    private static int[] sorted(int[] values) {
        Arrays.sort(values);
        return values;
    }

    public SplitSpec spec() {
        return spec;
    }

    public ImageDataset train() {
        return train;
    }

    public ImageDataset validation() {
        return validation;
    }

    public ImageDataset test() {
        return test;
    }

    /** Ascending indices into the training source. */
    public int[] trainIndices() {
        return trainIndices.clone();
    }

    /** Ascending indices into the training source, disjoint from {@link #trainIndices()}. */
    public int[] validationIndices() {
        return validationIndices.clone();
    }

    /** Ascending indices into the test source. */
    public int[] testIndices() {
        return testIndices.clone();
    }

    @Override
    public String toString() {
        return "DatasetSplit[train " + train.size() + ", validation " + validation.size() + ", test " + test.size()
                + ", seed " + spec.seed() + "]";
    }
}
