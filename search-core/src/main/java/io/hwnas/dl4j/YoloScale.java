package io.hwnas.dl4j;

import io.hwnas.detection.Box;
import io.hwnas.detection.Detection;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One output scale of a YOLO head in DL4J's {@code Yolo2OutputLayer} layout: a {@code grid}×{@code grid} map of
 * cells {@code stride} canvas pixels wide, each predicting B boxes as [x, y, w, h, objectness, C class scores].
 * After the layer's activation x and y are sigmoids (the centre within the cell), w and h are the anchor's size
 * times exp (grid units), objectness a sigmoid and the class scores a softmax.
 *
 * @param stride  canvas pixels per cell
 * @param grid    cells per side
 * @param anchors the anchors' (width, height) in canvas pixels, B of them
 */
public record YoloScale(int stride, int grid, List<double[]> anchors) implements Serializable {

    public YoloScale {
        if (stride < 1 || grid < 1) {
            throw new IllegalArgumentException("stride " + stride + " and grid " + grid + " must be >= 1");
        }
        if (anchors == null || anchors.isEmpty()) {
            throw new IllegalArgumentException("a YOLO scale needs at least one anchor");
        }
        anchors = anchors.stream().map(a -> {
            if (a.length != 2 || !(a[0] > 0 && a[1] > 0)) {
                throw new IllegalArgumentException("an anchor is a positive (width, height), got " + a.length
                        + " values");
            }
            return a.clone();
        }).toList();
    }

    public int boxes() {
        return anchors.size();
    }

    /** The anchors in grid units, B×2: {@code Yolo2OutputLayer}'s bounding-box priors. */
    public INDArray priors() {
        INDArray p = Nd4j.create(DataType.FLOAT, boxes(), 2);
        for (int b = 0; b < boxes(); b++) {
            p.putScalar(b, 0, anchors.get(b)[0] / stride);
            p.putScalar(b, 1, anchors.get(b)[1] / stride);
        }
        return p;
    }

    /**
     * Writes one object into {@code labels} ([N, 4 + C, grid, grid], {@code Yolo2OutputLayer}'s label format) for
     * example {@code n}: its corners in grid units and its one-hot class, at the cell holding its centre. Returns
     * false, writing nothing, when an earlier object already holds that cell (the layer has one label per cell).
     */
    public boolean label(INDArray labels, int n, Box box, int classId) {
        int col = cell((box.x1() + box.x2()) / 2);
        int row = cell((box.y1() + box.y2()) / 2);
        int classes = (int) labels.size(1) - 4;
        for (int c = 0; c < classes; c++) {
            if (labels.getDouble(n, 4 + c, row, col) != 0) {
                return false;
            }
        }
        labels.putScalar(new long[] {n, 0, row, col}, box.x1() / stride);
        labels.putScalar(new long[] {n, 1, row, col}, box.y1() / stride);
        labels.putScalar(new long[] {n, 2, row, col}, box.x2() / stride);
        labels.putScalar(new long[] {n, 3, row, col}, box.y2() / stride);
        labels.putScalar(new long[] {n, 4 + classId, row, col}, 1.0);
        return true;
    }

    /**
     * Every box of example {@code n} of {@code activations} (the layer's output, [N, B·(5 + C), grid, grid]) as
     * detections in canvas pixels, one per class whose score, objectness × class probability, reaches
     * {@code minScore}; boxes are clipped to the canvas.
     */
    public List<Detection> decode(INDArray activations, int n, int classes, double minScore) {
        int depth = 5 + classes;
        if (activations.size(1) != (long) boxes() * depth || activations.size(2) != grid
                || activations.size(3) != grid) {
            throw new IllegalArgumentException("activations " + Arrays.toString(activations.shape())
                    + " do not match " + boxes() + " boxes of " + classes + " classes on a " + grid + "×" + grid
                    + " grid");
        }
        double side = (double) grid * stride;
        float[] a = activations.get(NDArrayIndex.point(n)).dup('c').data().asFloat();
        int plane = grid * grid;
        List<Detection> out = new ArrayList<>();
        for (int b = 0; b < boxes(); b++) {
            int base = b * depth * plane;
            for (int row = 0; row < grid; row++) {
                for (int col = 0; col < grid; col++) {
                    int at = row * grid + col;
                    double objectness = a[base + 4 * plane + at];
                    if (objectness < minScore) {
                        continue;
                    }
                    double cx = (col + a[base + at]) * stride;
                    double cy = (row + a[base + plane + at]) * stride;
                    double w = a[base + 2 * plane + at] * stride;
                    double h = a[base + 3 * plane + at] * stride;
                    Box box = new Box(clip(cx - w / 2, side), clip(cy - h / 2, side), clip(cx + w / 2, side),
                            clip(cy + h / 2, side));
                    for (int c = 0; c < classes; c++) {
                        double score = objectness * a[base + (5 + c) * plane + at];
                        if (score >= minScore) {
                            out.add(new Detection(box, c, score));
                        }
                    }
                }
            }
        }
        return out;
    }

    private int cell(double pixel) {
        return Math.min(grid - 1, Math.max(0, (int) Math.floor(pixel / stride)));
    }

    private static double clip(double v, double side) {
        return Math.min(side, Math.max(0, v));
    }
}
