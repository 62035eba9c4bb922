package io.hwnas.detection;

import io.hwnas.data.FashionMnist;
import io.hwnas.data.ImageDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** On the real Fashion-MNIST files: canvases are composed from them, so fixtures would test nothing real. */
class DetectionDatasetTest {

    private static final DetectionDataSettings DEFAULTS = DetectionDataSettings.defaults();
    private static ImageDataset training;
    private static ImageDataset test;
    private static DetectionDataset dataset;

    @BeforeAll
    static void load() throws Exception {
        assumeTrue(Files.isDirectory(Path.of(FashionMnist.DEFAULT_DIRECTORY)), "Fashion-MNIST not installed");
        training = FashionMnist.readTraining(FashionMnist.DEFAULT_DIRECTORY);
        test = FashionMnist.readTest(FashionMnist.DEFAULT_DIRECTORY);
        dataset = DetectionDataset.of(DEFAULTS, training, test);
    }

    private static DetectionDataSettings with(int canvas, int minObjects, int maxObjects, double maxCovered,
                                              double contrast, long seed) {
        return new DetectionDataSettings(DEFAULTS.path(), canvas, minObjects, maxObjects, DEFAULTS.minObjectSize(),
                DEFAULTS.maxObjectSize(), maxCovered, contrast, DEFAULTS.validationItems(), seed);
    }

    @Test
    void aCanvasIsAFunctionOfSeedSplitAndIndex() {
        DetectionDataset again = DetectionDataset.of(DEFAULTS, training, test);
        for (DetectionSplit split : DetectionSplit.values()) {
            DetectionSample a = dataset.sample(split, 17);
            DetectionSample b = again.sample(split, 17);
            assertEquals(a, b);
            assertArrayEquals(a.pixels(), b.pixels());
            assertFalse(Arrays.equals(a.pixels(), dataset.sample(split, 18).pixels()));
        }
        DetectionDataset otherSeed = DetectionDataset.of(with(96, 1, 6, 0.5, 0.35, 1), training, test);
        assertNotEquals(dataset.sample(DetectionSplit.TRAIN, 0).objects(), otherSeed.sample(DetectionSplit.TRAIN, 0).objects());
        assertNotEquals(dataset.sample(DetectionSplit.TRAIN, 3).objects(), dataset.sample(DetectionSplit.VALIDATION, 3).objects());
    }

    @Test
    void splitsUseDisjointSourceItems() {
        Set<Integer> train = boxed(dataset.sourceItems(DetectionSplit.TRAIN));
        Set<Integer> validation = boxed(dataset.sourceItems(DetectionSplit.VALIDATION));
        assertEquals(DEFAULTS.validationItems(), validation.size());
        assertEquals(training.size() - DEFAULTS.validationItems(), train.size());
        assertTrue(train.stream().noneMatch(validation::contains));
        assertEquals(test.size(), dataset.sourceItems(DetectionSplit.TEST).length);
        for (DetectionSplit split : DetectionSplit.values()) {
            Set<Integer> pool = boxed(dataset.sourceItems(split));
            for (int i = 0; i < 100; i++) {
                DetectionSample s = dataset.sample(split, i);
                assertTrue(pool.containsAll(s.objects().stream().map(PlacedObject::sourceItem).toList()), split + " canvas " + i);
                assertTrue(pool.containsAll(s.backgroundItems()), split + " canvas " + i);
            }
        }
    }

    @Test
    void objectsAreInsideTheCanvasWithTheirItemsClassAndAtMostHalfCovered() {
        int[] counts = new int[DEFAULTS.maxObjects() + 1];
        for (int i = 0; i < 300; i++) {
            DetectionSample s = dataset.sample(DetectionSplit.TRAIN, i);
            counts[s.objects().size()]++;
            for (float p : s.pixels()) {
                assertTrue(p >= 0 && p <= 1, "pixel " + p);
            }
            for (PlacedObject o : s.objects()) {
                Box b = o.truth().box();
                assertTrue(b.x1() >= 0 && b.y1() >= 0 && b.x2() <= s.size() && b.y2() <= s.size(), b.toString());
                assertTrue(b.width() >= 1 && Math.max(b.width(), b.height()) <= DEFAULTS.maxObjectSize(), b.toString());
                assertEquals(training.label(o.sourceItem()), o.truth().classId());
                assertTrue(o.visibleFraction() >= 1 - DEFAULTS.maxCovered() && o.visibleFraction() <= 1, o.toString());
            }
        }
        assertEquals(0, counts[0]);
        IntStream.rangeClosed(1, DEFAULTS.maxObjects()).forEach(n -> assertTrue(counts[n] > 20, "canvases with " + n
                + " objects: " + counts[n] + " of 300, " + Arrays.toString(counts)));
    }

    /** Without a background, a lone object's box is exactly the canvas's non-zero pixels: the box is tight. */
    @Test
    void theBoxIsTheTightBoxOfThePastedPixels() {
        DetectionDataset lone = DetectionDataset.of(with(64, 1, 1, 0.5, 0, 4), training, test);
        for (int i = 0; i < 50; i++) {
            DetectionSample s = lone.sample(DetectionSplit.TEST, i);
            float[] pixels = s.pixels();
            assertEquals(1, s.objects().size());
            assertEquals(List.of(), s.backgroundItems());
            int left = s.size();
            int top = s.size();
            int right = -1;
            int bottom = -1;
            for (int r = 0; r < s.size(); r++) {
                for (int c = 0; c < s.size(); c++) {
                    if (pixels[r * s.size() + c] > 0) {
                        left = Math.min(left, c);
                        right = Math.max(right, c);
                        top = Math.min(top, r);
                        bottom = Math.max(bottom, r);
                    }
                }
            }
            assertEquals(new Box(left, top, right + 1, bottom + 1), s.objects().get(0).truth().box());
            assertEquals(test.label(s.objects().get(0).sourceItem()), s.objects().get(0).truth().classId());
        }
    }

    /** With nothing allowed to be covered, no two objects share a non-zero pixel, so every one is fully visible. */
    @Test
    void noCoverAllowedMeansEveryObjectFullyVisible() {
        DetectionDataset apart = DetectionDataset.of(with(96, 6, 6, 0, 0.35, 5), training, test);
        for (int i = 0; i < 50; i++) {
            apart.sample(DetectionSplit.VALIDATION, i).objects().forEach(o -> assertEquals(1.0, o.visibleFraction()));
        }
    }

    @Test
    void theBackgroundStaysBelowItsContrastAndIsNotFlat() {
        DetectionSample s = DetectionDataset.of(with(96, 1, 1, 0.5, 0.35, 6), training, test).sample(DetectionSplit.TRAIN, 0);
        Box b = s.objects().get(0).truth().box();
        float[] pixels = s.pixels();
        Set<Float> levels = new HashSet<>();
        for (int r = 0; r < s.size(); r++) {
            for (int c = 0; c < s.size(); c++) {
                boolean inObject = c >= b.x1() && c < b.x2() && r >= b.y1() && r < b.y2();
                if (!inObject) {
                    float p = pixels[r * s.size() + c];
                    assertTrue(p <= 0.35f + 1e-6f, "background pixel " + p);
                    levels.add(p);
                }
            }
        }
        assertTrue(levels.size() > 20, "background levels: " + levels.size());
        int items = s.backgroundItems().size();
        assertTrue(items >= 4 && items <= 7, "one tile item and 3-6 clutter items, got " + items);
    }

    @Test
    void batchesAreNchwArraysInIndexOrder() {
        Iterator<DetectionBatch> batches = dataset.batches(DetectionSplit.VALIDATION, 10, 4);
        int index = 0;
        int[] sizes = new int[3];
        for (int b = 0; b < 3; b++) {
            DetectionBatch batch = batches.next();
            sizes[b] = batch.size();
            INDArray images = batch.images();
            assertArrayEquals(new long[] {batch.size(), 1, 96, 96}, images.shape());
            for (int i = 0; i < batch.size(); i++, index++) {
                DetectionSample expected = dataset.sample(DetectionSplit.VALIDATION, index);
                assertEquals(expected.groundTruths(), batch.groundTruths().get(i));
                assertEquals(expected.pixels()[96 * 40 + 50], images.getFloat(i, 0, 40, 50));
                assertArrayEquals(expected.pixels(), images.get(NDArrayIndex.point(i))
                        .dup().data().asFloat());
            }
        }
        assertArrayEquals(new int[] {4, 4, 2}, sizes);
        assertFalse(batches.hasNext());
        assertThrows(NoSuchElementException.class, batches::next);
    }

    @Test
    void rejectsAValidationSliceAsLargeAsTheTrainingFile() {
        DetectionDataSettings tooMany = new DetectionDataSettings(DEFAULTS.path(), 96, 1, 6, 16, 48, 0.5, 0.35, 60_000, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DetectionDataset.of(tooMany, training, test));
        assertEquals("field 'validationItems' = 60000 must be below the 60000 items of the training file "
                + "(the rest make training canvases)", e.getMessage());
    }

    private static Set<Integer> boxed(int[] values) {
        Set<Integer> set = new HashSet<>();
        Arrays.stream(values).forEach(set::add);
        return set;
    }
}
