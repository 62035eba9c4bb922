package io.hwnas.data;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a directory laid out like the Fashion-MNIST distribution (also MNIST's): training files
 * {@code train-*-idx?-ubyte} and test files {@code t10k-*-idx?-ubyte}, each raw or with {@code .gz}.
 */
public final class FashionMnist {

    private static final Logger LOG = LoggerFactory.getLogger(FashionMnist.class);

    /** Where {@link #INSTALL_COMMAND} puts the dataset. */
    public static final String DEFAULT_DIRECTORY = "/usr/share/datasets/fashion-mnist";
    public static final String INSTALL_COMMAND = "apt-get update && apt-get install -y dataset-fashion-mnist";

    /** The class names by label, as Zalando's README lists them. */
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

    private FashionMnist() {
    }

    /** @param directory a local path or a Hadoop URI */
    public static ImageDataset readTraining(String directory) throws IOException {
        return IdxReader.read(locate(directory, TRAIN_IMAGES), locate(directory, TRAIN_LABELS));
    }

    /** @param directory a local path or a Hadoop URI */
    public static ImageDataset readTest(String directory) throws IOException {
        return IdxReader.read(locate(directory, TEST_IMAGES), locate(directory, TEST_LABELS));
    }

    /**
     * Reads the files and draws the split; the test files are not read at all when
     * {@code testSamples} is 0, so a training-only copy of the data is enough for that.
     */
    public static DatasetSplit load(String directory, SplitSpec spec) throws IOException {
        if (spec == null) {
            throw new IllegalArgumentException("spec must not be null");
        }
        ImageDataset training = readTraining(directory);
        ImageDataset test = spec.testSamples() > 0 ? readTest(directory) : training.subset(new int[0]);
        // class counts are inferred per file; a split must agree on one
        int numClasses = Math.max(training.numClasses(), test.numClasses());
        DatasetSplit split = DatasetSplit.draw(training.withNumClasses(numClasses), test.withNumClasses(numClasses), spec);
        LOG.info("Loaded {} from {}", split, directory);
        return split;
    }

    /** The uncompressed file if present (someone unpacked it to skip gunzip on every load), else the .gz. */
    static String locate(String directory, String baseName) throws IOException {
        if (directory == null || directory.isBlank()) {
            throw new IllegalArgumentException("dataset directory must be non-blank, got " + (directory == null ? "null" : "'" + directory + "'"));
        }
        String raw = Locations.resolve(directory, baseName);
        String gzipped = raw + ".gz";
        if (Locations.exists(raw)) {
            return raw;
        }
        if (Locations.exists(gzipped)) {
            return gzipped;
        }
        throw new FileNotFoundException("dataset file not found: looked for " + gzipped + " and " + raw
                + ". Install Fashion-MNIST with `" + INSTALL_COMMAND + "` (it goes to " + DEFAULT_DIRECTORY
                + ") or point to a directory holding " + TRAIN_IMAGES + ", " + TRAIN_LABELS + ", " + TEST_IMAGES
                + " and " + TEST_LABELS + " (each optionally .gz)");
    }
}
