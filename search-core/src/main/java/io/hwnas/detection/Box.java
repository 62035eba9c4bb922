package io.hwnas.detection;

import java.io.Serializable;

/**
 * An axis-aligned box in continuous pixel coordinates: pixel (row r, column c) covers [c, c+1) × [r, r+1), so the
 * tight box of columns c0..c1 and rows r0..r1 is (c0, r0, c1 + 1, r1 + 1) and its area counts those pixels. Areas
 * and IoU are those of the continuous rectangles, as pycocotools computes them (no "+1" of the VOC devkit).
 */
public record Box(double x1, double y1, double x2, double y2) implements Serializable {

    public Box {
        if (!(Double.isFinite(x1) && Double.isFinite(y1) && Double.isFinite(x2) && Double.isFinite(y2))
                || x2 < x1 || y2 < y1) {
            throw new IllegalArgumentException("field 'box' = (" + x1 + ", " + y1 + ", " + x2 + ", " + y2
                    + ") must be finite (x1, y1, x2, y2) with x1 <= x2 and y1 <= y2");
        }
    }

    public double width() {
        return x2 - x1;
    }

    public double height() {
        return y2 - y1;
    }

    public double area() {
        return width() * height();
    }

    /** Intersection over union; 0 when both boxes are empty. */
    public double iou(Box other) {
        double w = Math.min(x2, other.x2) - Math.max(x1, other.x1);
        double h = Math.min(y2, other.y2) - Math.max(y1, other.y1);
        if (w <= 0 || h <= 0) {
            return 0;
        }
        double intersection = w * h;
        return intersection / (area() + other.area() - intersection);
    }
}
