package io.hwnas.data;

import static io.hwnas.data.IdxFixtures.imagesFile;
import static io.hwnas.data.IdxFixtures.labelsFile;
import static io.hwnas.data.IdxFixtures.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    // 3 images of 2x2; 200 and 255 check that bytes come back unsigned
    private static final byte[] PIXELS = {0, 1, 2, 3, 10, 11, 12, (byte) 200, 20, 21, 22, (byte) 255};
    private static final int[] LABELS = {4, 0, 7};

    @TempDir
    Path dir;

    @Test
    void readsRawFiles() throws Exception {
        ImageDataset dataset = IdxReader.read(write(dir.resolve("images"), imagesFile(3, 2, 2, PIXELS)),
                write(dir.resolve("labels"), labelsFile(LABELS)));
        assertExpected(dataset);
    }

    @Test
    void readsGzippedFilesNamedGz() throws Exception {
        ImageDataset dataset = IdxReader.read(write(dir.resolve("images.gz"), imagesFile(3, 2, 2, PIXELS)),
                write(dir.resolve("labels.gz"), labelsFile(LABELS)));
        assertExpected(dataset);
    }

    @Test
    void detectsGzipByMagicBytesWhateverTheName() throws Exception {
        Path images = dir.resolve("images.idx");
        Files.write(images, IdxFixtures.gzip(imagesFile(3, 2, 2, PIXELS)));
        ImageDataset dataset = IdxReader.read(images.toString(), write(dir.resolve("labels"), labelsFile(LABELS)));
        assertExpected(dataset);
    }

    @Test
    void readsThroughHadoopFileUri() throws Exception {
        String images = write(dir.resolve("images.gz"), imagesFile(3, 2, 2, PIXELS));
        String labels = write(dir.resolve("labels"), labelsFile(LABELS));
        ImageDataset dataset = IdxReader.read(Path.of(images).toUri().toString(), Path.of(labels).toUri().toString());
        assertExpected(dataset);
    }

    private static void assertExpected(ImageDataset dataset) {
        assertEquals(3, dataset.size());
        assertEquals(2, dataset.rows());
        assertEquals(2, dataset.cols());
        assertEquals(8, dataset.numClasses(), "largest label + 1");
        assertArrayEquals(LABELS, dataset.labels());
        assertArrayEquals(PIXELS, dataset.pixels());
        assertEquals(200, dataset.pixel(1, 1, 1));
        assertEquals(255, dataset.pixel(2, 1, 1));
    }

    @Test
    void rejectsCorruptMagic() {
        byte[] images = imagesFile(3, 2, 2, PIXELS);
        images[0] = 0x12;
        assertFormatError(images, labelsFile(LABELS), "images", "not an IDX file");
    }

    @Test
    void rejectsSwappedImagesAndLabels() {
        assertFormatError(labelsFile(LABELS), labelsFile(LABELS), "images", "0x00000803", "it has 1 dimensions");
    }

    @Test
    void rejectsNonByteElementType() {
        byte[] images = imagesFile(3, 2, 2, PIXELS);
        images[2] = 0x0D;
        assertFormatError(images, labelsFile(LABELS), "images", "element type 0x0d");
    }

    @Test
    void rejectsTruncatedData() {
        byte[] images = imagesFile(3, 2, 2, PIXELS);
        assertFormatError(Arrays.copyOf(images, images.length - 5), labelsFile(LABELS), "images",
                "truncated", "promises 12 bytes", "only 7 follow");
    }

    @Test
    void rejectsTruncatedHeader() {
        assertFormatError(Arrays.copyOf(imagesFile(3, 2, 2, PIXELS), 9), labelsFile(LABELS), "images", "truncated", "dimension sizes");
        assertFormatError(new byte[] {0, 0}, labelsFile(LABELS), "images", "truncated", "magic");
    }

    @Test
    void rejectsTruncatedGzipStream() throws Exception {
        byte[] gz = IdxFixtures.gzip(imagesFile(3, 2, 2, PIXELS));
        Path images = dir.resolve("images.gz");
        Files.write(images, Arrays.copyOf(gz, gz.length - 12));
        String labels = write(dir.resolve("labels"), labelsFile(LABELS));
        String message = assertThrows(IdxFormatException.class, () -> IdxReader.read(images.toString(), labels)).getMessage();
        assertTrue(message.startsWith(images.toString()) && message.contains("gzip"), message);
    }

    @Test
    void rejectsRawFileNamedGz() throws Exception {
        Path images = dir.resolve("images.gz");
        Files.write(images, imagesFile(3, 2, 2, PIXELS));
        String labels = write(dir.resolve("labels"), labelsFile(LABELS));
        String message = assertThrows(IdxFormatException.class, () -> IdxReader.read(images.toString(), labels)).getMessage();
        assertTrue(message.startsWith(images.toString()) && message.contains("1f 8b") && message.contains("00 00"), message);
    }

    @Test
    void rejectsTrailingBytes() {
        byte[] images = imagesFile(3, 2, 2, PIXELS);
        assertFormatError(Arrays.copyOf(images, images.length + 3), labelsFile(LABELS), "images", "beyond the 12");
    }

    @Test
    void rejectsZeroSamples() {
        assertFormatError(imagesFile(0, 2, 2, new byte[0]), labelsFile(new int[0]), "images", "sample count", "is 0");
    }

    @Test
    void rejectsCountMismatchNamingBothFiles() {
        String message = assertFormatError(imagesFile(3, 2, 2, PIXELS), labelsFile(new int[] {1, 2}), "labels",
                "holds 2 labels", "holds 3 images");
        assertTrue(message.contains(dir.resolve("images").toString()), message);
    }

    @Test
    void missingFileNamesThePath() {
        String labels = write(dir.resolve("labels"), labelsFile(LABELS));
        String missing = dir.resolve("nope-images").toString();
        String message = assertThrows(FileNotFoundException.class, () -> IdxReader.read(missing, labels)).getMessage();
        assertTrue(message.contains(missing), message);
    }

    /** Writes the pair, expects the read to fail on {@code culprit} ("images" or "labels") with all fragments. */
    private String assertFormatError(byte[] images, byte[] labels, String culprit, String... fragments) {
        String imagesPath = write(dir.resolve("images"), images);
        String labelsPath = write(dir.resolve("labels"), labels);
        String message = assertThrows(IdxFormatException.class, () -> IdxReader.read(imagesPath, labelsPath)).getMessage();
        assertTrue(message.startsWith(dir.resolve(culprit) + ":"), message);
        for (String fragment : fragments) {
            assertTrue(message.contains(fragment), () -> "expected '" + fragment + "' in: " + message);
        }
        return message;
    }
}
