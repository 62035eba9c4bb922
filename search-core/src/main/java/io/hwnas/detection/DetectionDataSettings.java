package io.hwnas.detection;

import io.hwnas.data.FashionMnist;

import java.io.Serializable;

/**
 * How the detection canvases are composed from Fashion-MNIST items (see docs/detection-dataset.md).
 *
 * @param path a directory of Fashion-MNIST IDX files, local or a Hadoop URI
 * @param canvasSize side of the square single-channel canvases, pixels
 * @param minObjects fewest objects a canvas is given (a placement that would cover an earlier object too much is
 *     dropped, so a canvas can end up with fewer)
 * @param maxObjects most objects per canvas
 * @param minObjectSize smallest side, pixels, a 28×28 item is resized to before pasting
 * @param maxObjectSize largest such side, at most the canvas
 * @param maxCovered the largest fraction of an object's pixels that later objects may cover
 * @param backgroundContrast the brightest level, in [0, 1), of the background texture of small dimmed items
 * @param validationItems how many items of the training file are held out for the validation canvases
 * @param seed seed of the held-out draw and of every canvas
 */
public record DetectionDataSettings(String path, int canvasSize, int minObjects, int maxObjects, int minObjectSize,
                                    int maxObjectSize, double maxCovered, double backgroundContrast,
                                    int validationItems, long seed) implements Serializable {

    public static final int MIN_CANVAS = 32;
    public static final int MAX_CANVAS = 1024;
    public static final int MAX_OBJECTS = 32;
    /** Smaller than this, a clothing item is a few blurred pixels nobody could classify. */
    public static final int MIN_OBJECT_SIZE = 8;
    public static final double MAX_COVERED = 0.9;

    public DetectionDataSettings {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("field 'path' is required");
        }
        if (canvasSize < MIN_CANVAS || canvasSize > MAX_CANVAS) {
            throw new IllegalArgumentException("field 'canvasSize' = " + canvasSize + " must be in " + MIN_CANVAS + ".." + MAX_CANVAS);
        }
        if (maxObjects < 1 || maxObjects > MAX_OBJECTS) {
            throw new IllegalArgumentException("field 'maxObjects' = " + maxObjects + " must be in 1.." + MAX_OBJECTS);
        }
        if (minObjects < 1 || minObjects > maxObjects) {
            throw new IllegalArgumentException("field 'minObjects' = " + minObjects + " must be in 1..maxObjects (" + maxObjects + ")");
        }
        if (maxObjectSize < MIN_OBJECT_SIZE || maxObjectSize > canvasSize) {
            throw new IllegalArgumentException("field 'maxObjectSize' = " + maxObjectSize + " must be in " + MIN_OBJECT_SIZE
                    + "..canvasSize (" + canvasSize + ")");
        }
        if (minObjectSize < MIN_OBJECT_SIZE || minObjectSize > maxObjectSize) {
            throw new IllegalArgumentException("field 'minObjectSize' = " + minObjectSize + " must be in " + MIN_OBJECT_SIZE
                    + "..maxObjectSize (" + maxObjectSize + ")");
        }
        if (!(maxCovered >= 0 && maxCovered <= MAX_COVERED)) {
            throw new IllegalArgumentException("field 'maxCovered' = " + maxCovered + " must be in [0, " + MAX_COVERED + "]");
        }
        if (!(backgroundContrast >= 0 && backgroundContrast < 1)) {
            throw new IllegalArgumentException("field 'backgroundContrast' = " + backgroundContrast + " must be in [0, 1)");
        }
        if (validationItems < 1) {
            throw new IllegalArgumentException("field 'validationItems' = " + validationItems + " must be >= 1");
        }
    }

    /**
     * 96×96 canvases with 1–6 items of 16–48 px, at most half of each covered, a background up to 0.35 bright, and
     * 10,000 training items held out for validation, from the Debian package's Fashion-MNIST.
     */
    public static DetectionDataSettings defaults() {
        return new DetectionDataSettings(FashionMnist.DEFAULT_DIRECTORY, 96, 1, 6, 16, 48, 0.5, 0.35, 10_000, 0);
    }
}
