package io.hwnas.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Builds small IDX files for tests. */
final class IdxFixtures {

    private IdxFixtures() {
    }

    /** An unsigned-byte IDX file: magic 0x000008nn, the dimension sizes, then the data. */
    static byte[] idx(int[] dims, byte[] data) {
        ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        buffer.putInt(0x0800 | dims.length);
        for (int d : dims) {
            buffer.putInt(d);
        }
        return buffer.put(data).array();
    }

    static byte[] imagesFile(int count, int rows, int cols, byte[] pixels) {
        return idx(new int[] {count, rows, cols}, pixels);
    }

    static byte[] labelsFile(int[] labels) {
        byte[] data = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            data[i] = (byte) labels[i];
        }
        return idx(new int[] {labels.length}, data);
    }

    /** Writes {@code content}, gzipped when the name ends in .gz. */
    static String write(Path file, byte[] content) {
        try {
            Files.write(file, file.toString().endsWith(".gz") ? gzip(content) : content);
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gzip(byte[] raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Images whose first two pixels spell the sample index, so a test can tell which source sample
     * ended up where; labels cycle through {@code numClasses}.
     */
    static ImageDataset indexedDataset(int count, int rows, int cols, int numClasses) {
        byte[] pixels = new byte[count * rows * cols];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            pixels[i * rows * cols] = (byte) i;
            pixels[i * rows * cols + 1] = (byte) (i >>> 8);
            labels[i] = i % numClasses;
        }
        return ImageDataset.of(pixels, labels, rows, cols, numClasses);
    }

    static int sampleIndexOf(ImageDataset dataset, int sample) {
        return dataset.pixel(sample, 0, 0) | dataset.pixel(sample, 0, 1) << 8;
    }

    /** Writes {@code dataset} as an images file and a labels file, each name followed by {@code suffix} ("" or ".gz"). */
    static void writeDataset(Path directory, String imagesName, String labelsName, ImageDataset dataset, String suffix) {
        write(directory.resolve(imagesName + suffix), imagesFile(dataset.size(), dataset.rows(), dataset.cols(), dataset.pixels()));
        write(directory.resolve(labelsName + suffix), labelsFile(dataset.labels()));
    }
}
