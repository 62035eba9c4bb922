package io.hwnas.data;

import static io.hwnas.data.IdxFixtures.indexedDataset;
import static io.hwnas.data.IdxFixtures.sampleIndexOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DatasetSplitTest {

    private static final ImageDataset TRAINING = indexedDataset(500, 3, 2, 10);
    private static final ImageDataset TESTING = indexedDataset(120, 3, 2, 10);

    @Test
    void sameSeedGivesSameSplit() {
        DatasetSplit a = DatasetSplit.draw(TRAINING, TESTING, new SplitSpec(300, 100, 50, 42));
        DatasetSplit b = DatasetSplit.draw(TRAINING, TESTING, new SplitSpec(300, 100, 50, 42));
        assertArrayEquals(a.trainIndices(), b.trainIndices());
        assertArrayEquals(a.validationIndices(), b.validationIndices());
        assertArrayEquals(a.testIndices(), b.testIndices());
        assertEquals(a.train(), b.train());
        assertEquals(a.validation(), b.validation());
        assertEquals(a.test(), b.test());
    }

    @Test
    void differentSeedGivesDifferentSplit() {
        DatasetSplit a = DatasetSplit.draw(TRAINING, TESTING, new SplitSpec(300, 100, 50, 42));
        DatasetSplit b = DatasetSplit.draw(TRAINING, TESTING, new SplitSpec(300, 100, 50, 43));
        assertFalse(Arrays.equals(a.validationIndices(), b.validationIndices()));
        assertFalse(Arrays.equals(a.testIndices(), b.testIndices()));
    }

    @Test
    void partsAreDisjointSortedAndMatchTheirIndices() {
        for (long seed = 0; seed < 20; seed++) {
            DatasetSplit split = DatasetSplit.draw(TRAINING, TESTING, new SplitSpec(350, 150, 120, seed));
            int[] train = split.trainIndices();
            int[] validation = split.validationIndices();
            assertEquals(350, train.length);
            assertEquals(150, validation.length);
            Set<Integer> all = new HashSet<>();
            IntStream.concat(Arrays.stream(train), Arrays.stream(validation)).forEach(i -> assertTrue(all.add(i), "index " + i + " drawn twice"));
            assertEquals(500, all.size(), "train + validation use the whole source here");
            assertSorted(train);
            assertSorted(validation);
            assertSorted(split.testIndices());
            assertContentMatches(split.train(), TRAINING, train);
            assertContentMatches(split.validation(), TRAINING, validation);
            assertContentMatches(split.test(), TESTING, split.testIndices());
        }
    }

    @Test
    void validationAndTestDoNotDependOnTrainSize() {
        DatasetSplit small = DatasetSplit.draw(TRAINING, TESTING, new SplitSpec(50, 100, 30, 7));
        DatasetSplit large = DatasetSplit.draw(TRAINING, TESTING, new SplitSpec(400, 100, 30, 7));
        assertArrayEquals(small.validationIndices(), large.validationIndices());
        assertArrayEquals(small.testIndices(), large.testIndices());
        Set<Integer> largeTrain = new HashSet<>();
        Arrays.stream(large.trainIndices()).forEach(largeTrain::add);
        Arrays.stream(small.trainIndices()).forEach(i -> assertTrue(largeTrain.contains(i), "a bigger budget extends the smaller one"));
    }

    @Test
    void emptyTestPart() {
        DatasetSplit split = DatasetSplit.draw(TRAINING, TRAINING.subset(new int[0]), new SplitSpec(10, 10, 0, 1));
        assertEquals(0, split.test().size());
        assertEquals(10, split.test().numClasses());
    }

    @Test
    void oversizedPartsNameFieldAndAvailableCount() {
        String message = assertThrows(IllegalArgumentException.class,
                () -> DatasetSplit.draw(TRAINING, TESTING, new SplitSpec(450, 51, 0, 1))).getMessage();
        assertEquals("trainSamples 450 + validationSamples 51 = 501 exceeds the 500 samples available for training", message);
        message = assertThrows(IllegalArgumentException.class,
                () -> DatasetSplit.draw(TRAINING, TESTING, new SplitSpec(10, 10, 121, 1))).getMessage();
        assertEquals("testSamples 121 exceeds the 120 samples available for testing", message);
    }

    @Test
    void rejectsIncompatibleSources() {
        ImageDataset otherShape = indexedDataset(50, 2, 3, 10);
        String message = assertThrows(IllegalArgumentException.class,
                () -> DatasetSplit.draw(TRAINING, otherShape, new SplitSpec(10, 10, 5, 1))).getMessage();
        assertTrue(message.contains("3x2") && message.contains("2x3"), message);
    }

    private static void assertSorted(int[] indices) {
        int[] copy = indices.clone();
        Arrays.sort(copy);
        assertArrayEquals(copy, indices);
    }

    private static void assertContentMatches(ImageDataset part, ImageDataset source, int[] indices) {
        assertEquals(indices.length, part.size());
        for (int i = 0; i < indices.length; i++) {
            assertEquals(indices[i], sampleIndexOf(part, i));
            assertEquals(source.label(indices[i]), part.label(i));
        }
    }
}
