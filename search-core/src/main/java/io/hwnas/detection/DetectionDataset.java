package io.hwnas.detection;

import io.hwnas.data.FashionMnist;
import io.hwnas.data.ImageDataset;
import io.hwnas.data.Permutations;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * A detection dataset composed on demand from Fashion-MNIST items (docs/detection-dataset.md): canvas
 * {@code index} of a split is a pure function of the settings, the split and the index, so nothing is stored and any
 * canvas can be regenerated anywhere. Only the two IDX files are held in memory.
 *
 * <p>A seeded permutation of the training file holds out {@code validationItems} items: validation canvases use those,
 * training canvases the rest, test canvases the test file; objects and background alike.
 */
public final class DetectionDataset {

    private final DetectionDataSettings settings;
    private final ImageDataset training;
    private final ImageDataset test;
    private final int[] trainPool;
    private final int[] validationPool;
    private final int[] testPool;
    private final CanvasComposer composer;

    private DetectionDataset(DetectionDataSettings settings, ImageDataset training, ImageDataset test) {
        if (settings.validationItems() >= training.size()) {
            throw new IllegalArgumentException("field 'validationItems' = " + settings.validationItems()
                    + " must be below the " + training.size() + " items of the training file (the rest make training canvases)");
        }
        for (ImageDataset d : List.of(training, test)) {
            if (d.rows() != d.cols() || d.size() == 0) {
                throw new IllegalArgumentException("source " + d + " must hold square items");
            }
        }
        this.settings = settings;
        this.training = training;
        this.test = test;
        int[] order = Permutations.of(training.size(), new SplittableRandom(settings.seed()));
        this.validationPool = sorted(Arrays.copyOfRange(order, 0, settings.validationItems()));
        this.trainPool = sorted(Arrays.copyOfRange(order, settings.validationItems(), order.length));
        this.testPool = new int[test.size()];
        Arrays.setAll(testPool, i -> i);
        this.composer = new CanvasComposer(settings);
    }

    /** Reads Fashion-MNIST's training and test files from {@code settings.path()}. */
    public static DetectionDataset load(DetectionDataSettings settings) throws IOException {
        return of(settings, FashionMnist.readTraining(settings.path()), FashionMnist.readTest(settings.path()));
    }

    /** From items already in memory: {@code training} feeds train and validation canvases, {@code test} test ones. */
    public static DetectionDataset of(DetectionDataSettings settings, ImageDataset training, ImageDataset test) {
        if (settings == null || training == null || test == null) {
            throw new IllegalArgumentException("settings, training and test items are required");
        }
        return new DetectionDataset(settings, training, test);
    }

    public DetectionDataSettings settings() {
        return settings;
    }

    public int numClasses() {
        return Math.max(training.numClasses(), test.numClasses());
    }

    /** Ascending indices into the split's source file that its canvases draw from. */
    public int[] sourceItems(DetectionSplit split) {
        return pool(split).clone();
    }

    /** Canvas {@code index} (>= 0) of {@code split}. */
    public DetectionSample sample(DetectionSplit split, int index) {
        if (index < 0) {
            throw new IllegalArgumentException("canvas index " + index + " must be >= 0");
        }
        SplittableRandom rng = new SplittableRandom(canvasSeed(settings.seed(), split, index));
        return composer.compose(split == DetectionSplit.TEST ? test : training, pool(split), rng);
    }

    /** Canvases {@code from} … {@code from + count − 1} of {@code split}. */
    public DetectionBatch batch(DetectionSplit split, int from, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("batch size " + count + " must be >= 1");
        }
        List<DetectionSample> samples = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            samples.add(sample(split, Math.addExact(from, i)));
        }
        return new DetectionBatch(samples);
    }

    /** Canvases 0 … {@code count − 1} of {@code split} in batches of {@code batchSize}, the last one possibly smaller. */
    public Iterator<DetectionBatch> batches(DetectionSplit split, int count, int batchSize) {
        if (count < 0 || batchSize < 1) {
            throw new IllegalArgumentException("count " + count + " must be >= 0 and batch size " + batchSize + " >= 1");
        }
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < count;
            }

            @Override
            public DetectionBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("all " + count + " canvases were returned");
                }
                DetectionBatch batch = batch(split, next, Math.min(batchSize, count - next));
                next += batch.size();
                return batch;
            }
        };
    }

    private int[] pool(DetectionSplit split) {
        return switch (split) {
            case TRAIN -> trainPool;
            case VALIDATION -> validationPool;
            case TEST -> testPool;
        };
    }

    /**
     * SplitMix64's finaliser over (seed, split, index), as {@code io.hwnas.space.Seeds} derives candidate seeds, so
     * every combination gets its own stream: plain sums would collide (seed 1 canvas 0 would be seed 0 canvas 1).
     */
    static long canvasSeed(long seed, DetectionSplit split, int index) {
        return mix(mix(mix(seed) ^ split.ordinal()) ^ index);
    }

    private static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static int[] sorted(int[] values) {
        Arrays.sort(values);
        return values;
    }
}
