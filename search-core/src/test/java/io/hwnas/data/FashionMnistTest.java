package io.hwnas.data;

import static io.hwnas.data.IdxFixtures.indexedDataset;
import static io.hwnas.data.IdxFixtures.writeDataset;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {

    private static final ImageDataset TRAINING = indexedDataset(200, 4, 3, 10);
    private static final ImageDataset TESTING = indexedDataset(40, 4, 3, 10);

    @TempDir
    Path dir;

    @Test
    void loadsGzippedDirectory() throws Exception {
        writeFiles(".gz", ".gz");
        DatasetSplit split = FashionMnist.load(dir.toString(), new SplitSpec(100, 50, 40, 3));
        assertEquals(TRAINING.subset(split.trainIndices()), split.train());
        assertEquals(TRAINING.subset(split.validationIndices()), split.validation());
        assertEquals(TESTING.subset(split.testIndices()), split.test());
    }

    @Test
    void loadsRawAndMixedDirectoriesAndFileUris() throws Exception {
        writeFiles("", ".gz");
        SplitSpec spec = new SplitSpec(100, 50, 10, 3);
        DatasetSplit local = FashionMnist.load(dir.toString(), spec);
        DatasetSplit uri = FashionMnist.load(dir.toUri().toString(), spec);
        assertEquals(local.train(), uri.train());
        assertEquals(local.test(), uri.test());
        assertEquals(TESTING, FashionMnist.readTest(dir.toString()));
    }

    @Test
    void zeroTestSizeNeedsNoTestFiles() throws Exception {
        writeDataset(dir, FashionMnist.TRAIN_IMAGES, FashionMnist.TRAIN_LABELS, TRAINING, ".gz");
        DatasetSplit split = FashionMnist.load(dir.toString(), new SplitSpec(100, 50, 0, 3));
        assertEquals(0, split.test().size());
    }

    @Test
    void classCountIsSharedWhenOneFileLacksHighLabels() throws Exception {
        writeDataset(dir, FashionMnist.TRAIN_IMAGES, FashionMnist.TRAIN_LABELS, TRAINING, "");
        writeDataset(dir, FashionMnist.TEST_IMAGES, FashionMnist.TEST_LABELS, indexedDataset(40, 4, 3, 4), "");
        DatasetSplit split = FashionMnist.load(dir.toString(), new SplitSpec(100, 50, 40, 3));
        assertEquals(10, split.test().numClasses());
        assertEquals(10, split.train().numClasses());
    }

    @Test
    void missingFileSaysWhereItLookedAndHowToInstall() throws Exception {
        writeDataset(dir, FashionMnist.TRAIN_IMAGES, FashionMnist.TRAIN_LABELS, TRAINING, ".gz");
        String message = assertThrows(FileNotFoundException.class,
                () -> FashionMnist.load(dir.toString(), new SplitSpec(100, 50, 10, 3))).getMessage();
        String looked = dir.resolve(FashionMnist.TEST_IMAGES).toString();
        assertTrue(message.contains(looked + ".gz and " + looked + "."), message);
        assertTrue(message.contains("apt-get update && apt-get install -y dataset-fashion-mnist"), message);
        assertTrue(message.contains("/usr/share/datasets/fashion-mnist"), message);
    }

    @Test
    void unreadableLocationIsNamed() {
        String location = "nosuchfs://host/datasets/fashion-mnist";
        String message = assertThrows(IOException.class,
                () -> FashionMnist.load(location, new SplitSpec(100, 50, 0, 3))).getMessage();
        assertTrue(message.contains("cannot read " + location + "/" + FashionMnist.TRAIN_IMAGES), message);
        assertTrue(message.contains("nosuchfs"), message);
    }

    @Test
    void oversizedSplitNamesFieldAndAvailableCount() throws Exception {
        writeFiles(".gz", ".gz");
        String message = assertThrows(IllegalArgumentException.class,
                () -> FashionMnist.load(dir.toString(), new SplitSpec(180, 50, 10, 3))).getMessage();
        assertTrue(message.contains("trainSamples 180") && message.contains("validationSamples 50") && message.contains("200 samples"), message);
    }

    @Test
    void readsTheInstalledFashionMnist() throws Exception {
        assumeTrue(Files.isDirectory(Path.of(FashionMnist.DEFAULT_DIRECTORY)),
                "Fashion-MNIST not installed; run " + FashionMnist.INSTALL_COMMAND);
        ImageDataset training = FashionMnist.readTraining(FashionMnist.DEFAULT_DIRECTORY);
        ImageDataset test = FashionMnist.readTest(FashionMnist.DEFAULT_DIRECTORY);
        assertShape(training, 60000);
        assertShape(test, 10000);
        // the dataset is balanced, and both files start with an ankle boot (class 9)
        int[] trainCounts = new int[10];
        Arrays.fill(trainCounts, 6000);
        assertArrayEquals(trainCounts, training.classCounts());
        int[] testCounts = new int[10];
        Arrays.fill(testCounts, 1000);
        assertArrayEquals(testCounts, test.classCounts());
        assertEquals(9, training.label(0));
        assertEquals(9, test.label(0));

        DatasetSplit split = FashionMnist.load(FashionMnist.DEFAULT_DIRECTORY, new SplitSpec(50000, 10000, 10000, 1));
        Set<Integer> validation = new HashSet<>();
        Arrays.stream(split.validationIndices()).forEach(validation::add);
        assertTrue(Arrays.stream(split.trainIndices()).noneMatch(validation::contains));
        assertEquals(50000, split.train().size());
        assertEquals(10000, split.test().size());
    }

    private static void assertShape(ImageDataset dataset, int size) {
        assertEquals(size, dataset.size());
        assertEquals(28, dataset.rows());
        assertEquals(28, dataset.cols());
        assertEquals(10, dataset.numClasses());
        assertTrue(Arrays.stream(dataset.labels()).allMatch(label -> label >= 0 && label <= 9));
    }

    private void writeFiles(String trainSuffix, String testSuffix) {
        writeDataset(dir, FashionMnist.TRAIN_IMAGES, FashionMnist.TRAIN_LABELS, TRAINING, trainSuffix);
        writeDataset(dir, FashionMnist.TEST_IMAGES, FashionMnist.TEST_LABELS, TESTING, testSuffix);
    }
}
