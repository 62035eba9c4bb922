package io.hwnas.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

class ImageDatasetTest {

    private static final byte[] PIXELS = {0, 1, 2, 3, 10, 11, 12, (byte) 200, 20, 21, 22, (byte) 255};
    private static final int[] LABELS = {2, 0, 2};

    private static ImageDataset sample() {
        return ImageDataset.of(PIXELS, LABELS, 2, 2, 3);
    }

    @Test
    void exposesShapeAndValues() {
        ImageDataset dataset = sample();
        assertEquals(3, dataset.size());
        assertEquals(4, dataset.pixelsPerImage());
        assertEquals(2, dataset.label(2));
        assertEquals(12, dataset.pixel(1, 1, 0));
        assertArrayEquals(new byte[] {20, 21, 22, (byte) 255}, dataset.image(2));
        assertArrayEquals(new int[] {1, 0, 2}, dataset.classCounts());
        assertEquals("ImageDataset[3 images 2x2, 3 classes]", dataset.toString());
    }

    @Test
    void isImmutable() {
        byte[] pixels = PIXELS.clone();
        int[] labels = LABELS.clone();
        ImageDataset dataset = ImageDataset.of(pixels, labels, 2, 2, 3);
        pixels[0] = 99;
        labels[0] = 1;
        dataset.pixels()[1] = 99;
        dataset.labels()[1] = 1;
        dataset.image(0)[2] = 99;
        assertEquals(sample(), dataset);
    }

    @Test
    void normalizedPixelsSpanZeroToOne() {
        float[] scaled = sample().normalizedPixels();
        assertEquals(12, scaled.length);
        assertEquals(0f, scaled[0]);
        assertEquals(200 / 255f, scaled[7]);
        assertEquals(1f, scaled[11]);
    }

    @Test
    void subsetKeepsOrderRepeatsAndClassCount() {
        ImageDataset subset = sample().subset(new int[] {2, 0, 2});
        assertEquals(3, subset.size());
        assertEquals(3, subset.numClasses());
        assertArrayEquals(new int[] {2, 2, 2}, subset.labels());
        assertArrayEquals(sample().image(2), subset.image(0));
        assertArrayEquals(sample().image(0), subset.image(1));
        assertEquals(0, sample().subset(new int[0]).size());
    }

    @Test
    void subsetNamesTheBadIndex() {
        String message = assertThrows(IndexOutOfBoundsException.class, () -> sample().subset(new int[] {0, 3})).getMessage();
        assertEquals("indices[1] = 3 is outside [0, 3)", message);
    }

    @Test
    void accessorsNameTheBadIndex() {
        assertEquals("row 2 is outside [0, 2)", assertThrows(IndexOutOfBoundsException.class, () -> sample().pixel(0, 2, 0)).getMessage());
        assertEquals("sample -1 is outside [0, 3)", assertThrows(IndexOutOfBoundsException.class, () -> sample().label(-1)).getMessage());
    }

    @Test
    void validatesAtConstruction() {
        assertMessage(() -> ImageDataset.of(PIXELS, LABELS, 0, 2, 3), "rows and cols must be >= 1, got 0x2");
        assertMessage(() -> ImageDataset.of(PIXELS, LABELS, 2, 2, 0), "numClasses must be >= 1, got 0");
        assertMessage(() -> ImageDataset.of(PIXELS, LABELS, 3, 2, 3), "pixels has 12 bytes but 3 labels x 3 x 2 need 18");
        assertMessage(() -> ImageDataset.of(PIXELS, new int[] {0, 3, 1}, 2, 2, 3), "label of sample 1 is 3, outside [0, 3)");
        assertMessage(() -> ImageDataset.of(null, LABELS, 2, 2, 3), "pixels=null");
    }

    @Test
    void equalityIsByContent() {
        assertEquals(sample(), sample());
        assertEquals(sample().hashCode(), sample().hashCode());
        byte[] other = PIXELS.clone();
        other[5] = 42;
        assertNotEquals(sample(), ImageDataset.of(other, LABELS, 2, 2, 3));
        assertNotEquals(sample(), ImageDataset.of(PIXELS, LABELS, 2, 2, 4));
    }

    @Test
    void survivesJavaSerialization() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(sample());
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(sample(), in.readObject());
        }
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String expected) {
        String message = assertThrows(IllegalArgumentException.class, call).getMessage();
        assertTrue(message.contains(expected), () -> "expected '" + expected + "' in: " + message);
    }
}
