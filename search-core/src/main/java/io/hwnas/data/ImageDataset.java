package io.hwnas.data;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Labelled single-channel 8-bit images held in memory. Pixels are stored flat, row-major, one image
 * after another, so the whole set is one allocation; accessors hand out copies, which keeps the
 * dataset immutable and safe to share between threads and Spark tasks.
 */
public final class ImageDataset implements Serializable {
    private static final long serialVersionUID = 1L;

    private final byte[] pixels;
    private final int[] labels;
    private final int rows;
    private final int cols;
    private final int numClasses;

    private ImageDataset(byte[] pixels, int[] labels, int rows, int cols, int numClasses) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("rows and cols must be >= 1, got " + rows + "x" + cols);
        }
        if (numClasses < 1) {
            throw new IllegalArgumentException("numClasses must be >= 1, got " + numClasses);
        }
        long expectedPixels = (long) labels.length * rows * cols;
        if (pixels.length != expectedPixels) {
            throw new IllegalArgumentException("pixels has " + pixels.length + " bytes but " + labels.length + " labels x "
                    + rows + " x " + cols + " need " + expectedPixels);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException("label of sample " + i + " is " + labels[i] + ", outside [0, " + numClasses + ")");
            }
        }
        this.pixels = pixels;
        this.labels = labels;
        this.rows = rows;
        this.cols = cols;
        this.numClasses = numClasses;
    }

    /**
     * @param pixels {@code labels.length * rows * cols} bytes, read as unsigned 0..255; copied
     * @param labels class of each sample, in {@code [0, numClasses)}; copied
     */
    public static ImageDataset of(byte[] pixels, int[] labels, int rows, int cols, int numClasses) {
        if (pixels == null || labels == null) {
            throw new IllegalArgumentException("pixels and labels must not be null, got pixels=" + (pixels == null ? "null" : "[...]")
                    + " labels=" + (labels == null ? "null" : "[...]"));
        }
        return new ImageDataset(pixels.clone(), labels.clone(), rows, cols, numClasses);
    }

    /** Takes ownership of arrays nobody else holds, sparing a copy of a whole file. */
    static ImageDataset wrap(byte[] pixels, int[] labels, int rows, int cols, int numClasses) {
        return new ImageDataset(pixels, labels, rows, cols, numClasses);
    }

    /** The same samples under a larger class count, e.g. when a test file lacks the last class. */
    ImageDataset withNumClasses(int newNumClasses) {
        return newNumClasses == numClasses ? this : new ImageDataset(pixels, labels, rows, cols, newNumClasses);
    }

    public int size() {
        return labels.length;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public int numClasses() {
        return numClasses;
    }

    public int pixelsPerImage() {
        return rows * cols;
    }

    public int label(int sample) {
        checkIndex("sample", sample, size());
        return labels[sample];
    }

    public int[] labels() {
        return labels.clone();
    }

    /** @return 0..255 */
    public int pixel(int sample, int row, int col) {
        checkIndex("sample", sample, size());
        checkIndex("row", row, rows);
        checkIndex("col", col, cols);
        return Byte.toUnsignedInt(pixels[sample * pixelsPerImage() + row * cols + col]);
    }

    /** One image's bytes, row-major. */
    public byte[] image(int sample) {
        checkIndex("sample", sample, size());
        int from = sample * pixelsPerImage();
        return Arrays.copyOfRange(pixels, from, from + pixelsPerImage());
    }

    /** All images' bytes, row-major, one image after another. */
    public byte[] pixels() {
        return pixels.clone();
    }

    /** All pixels scaled to [0, 1], laid out like {@link #pixels()}: the usual network input, in one pass. */
    public float[] normalizedPixels() {
        float[] scaled = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            scaled[i] = Byte.toUnsignedInt(pixels[i]) / 255f;
        }
        return scaled;
    }

    /** How many samples each class has, indexed by class. */
    public int[] classCounts() {
        int[] counts = new int[numClasses];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /**
     * The samples at {@code indices}, in that order; repeats are allowed (e.g. for bootstrapping).
     * The class count is kept even if some class no longer occurs, so subsets stay compatible.
     */
    public ImageDataset subset(int[] indices) {
        if (indices == null) {
            throw new IllegalArgumentException("indices must not be null");
        }
        int perImage = pixelsPerImage();
        byte[] subPixels = new byte[Math.multiplyExact(indices.length, perImage)];
        int[] subLabels = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            int source = indices[i];
            if (source < 0 || source >= size()) {
                throw new IndexOutOfBoundsException("indices[" + i + "] = " + source + " is outside [0, " + size() + ")");
            }
            System.arraycopy(pixels, source * perImage, subPixels, i * perImage, perImage);
            subLabels[i] = labels[source];
        }
        return new ImageDataset(subPixels, subLabels, rows, cols, numClasses);
    }

    private static void checkIndex(String name, int value, int bound) {
        if (value < 0 || value >= bound) {
            throw new IndexOutOfBoundsException(name + " " + value + " is outside [0, " + bound + ")");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageDataset other
                && rows == other.rows && cols == other.cols && numClasses == other.numClasses
                && Arrays.equals(labels, other.labels) && Arrays.equals(pixels, other.pixels);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * Arrays.hashCode(labels) + rows) + cols) + numClasses;
    }

    @Override
    public String toString() {
        return "ImageDataset[" + size() + " images " + rows + "x" + cols + ", " + numClasses + " classes]";
    }
}
